"""Licence, attribution and origin repositories shared by the manifest tables."""

OGL = "Open Government Licence v3.0"
ONS_ATTR = "Source: Office for National Statistics licensed under the Open Government Licence v3.0"
OS_ATTR = ONS_ATTR + "; Contains OS data © Crown copyright and database right {year}"
PSI = "Contains public sector information licensed under the Open Government Licence v3.0"
ELS_REPO, ELS_COMMIT = (
    "ONSdigital/explore-local-statistics-data",
    "4972c588d0c192839afc8fa54ae82cb3dc7721ed",
)
LAIT_REPO, LAIT_COMMIT = (
    "dfe-analytical-services/local-authority-interactive-tool",
    "2e30e3959a6ab8b2d22941b84764da41a40ac91b",
)
FT_REPO, FT_COMMIT = "traffordDataLab/trafford_themes", "ae20a088ae35b93b57843c79ee56e0072915db9e"
FN_REPO, FN_COMMIT = "dhsc-govuk/FingertipsNext", "d1600f4a5a6dc3eacaaad5d23e00f6eb312fdbba"
IMD_REPO, IMD_COMMIT = "humaniverse/IMD", "2f6c9050afee99a40041eb63b02b6b0c58850704"
