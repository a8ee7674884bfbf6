"""The manifest's descriptive columns for the labour files (ONS Explore Local Statistics): file ->
(title, period, origin path, sha256 of the original); ``make_manifest.py`` fills in the rest."""

LABOUR = {
    "ons_els_claimant-count.csv.gz": (
        "Claimant count (% of residents aged 16-64)",
        "2001-2025",
        "claimant-count/claimant-count.csv",
        "8e4b5d94cbae6090318ac18c5669c792aa9a1edf432a010b65e9435de2ffee2d",
    ),
    "ons_els_employment-rate.csv.gz": (
        "Employment rate and economic inactivity rate (APS, 16-64)",
        "2004-2023",
        "employment-rate/employment-rate.csv",
        "ce716dd803b332f7181b4da53b2f1150db3d1aba79d94b5ce7a4cf7f66960e7d",
    ),
    "ons_els_gross-disposable-household-income-per-head.csv.gz": (
        "Gross disposable household income per head",
        "1997-2023",
        "gross-disposable-household-income-per-head/gross-disposable-household-income-per-head.csv",
        "bdc0a5b12185dcf7669492cb4555559be74d4da0099c4b65692f0476e13da4a0",
    ),
    "ons_els_gross-median-weekly-pay.csv": (
        "Gross median weekly pay (ASHE, residence-based)",
        "2008-2025",
        "gross-median-weekly-pay/gross-median-weekly-pay.csv",
        "285a76982afdfd38e9366535b43bf3e68c878ada7b819d722d2ec188c38eff17",
    ),
    "ons_els_modelled-unemployment.csv": (
        "Modelled unemployment rate",
        "2004-2023",
        "modelled-unemployment/modelled-unemployment.csv",
        "96905fd71cc216a74397300cafa827fe310c231efe4872addfa9486813a2e766",
    ),
    "ons_els_economically-inactive-due-to-long-term-sickness.csv.gz": (
        "Economically inactive due to long-term sickness (% of the inactive)",
        "2004-2022",
        "scripts/insights/raw/family-ess-main/proportion-of-people-who-are-economically-inactive-due-to-sickness/proportion-of-people-who-are-economically-inactive-due-to-sickness.csv",
        "4ad9256275d6677df9483c795181fae52792b57d41ee7c48849e29af2eba3f9b",
    ),
}
