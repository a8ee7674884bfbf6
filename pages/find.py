"""Find a place: a postcode or a place name → the area's profile (reachable from every page)."""

import streamlit as st

from atlas.ui import placesearch, state

st.title("Find a place")
st.markdown(
    "Type a full postcode of Great Britain (any case, with or without the space) or the name of "
    "a council, county, region or combined authority in any of the four nations. Former "
    "districts and counties find the council that replaced them (Allerdale → Cumberland), Welsh "
    "names find the principal area (Caerdydd → Cardiff), and close spellings are offered."
)
placesearch.search_box("find", state.last("ind", None), in_url=True)  # ?q=: a shareable search
st.caption(
    "Postcodes: ONS Postcode Directory, November 2022 (Contains OS data © Crown copyright and "
    "database right 2022; Contains Royal Mail data © Royal Mail copyright and database right "
    "2022; Source: Office for National Statistics licensed under the Open Government Licence "
    "v3.0), compressed by mySociety. Northern Ireland (BT) postcodes are not looked up: the "
    "directory's open licence excludes them. Postcodes created since November 2022 are missing. "
    "The atlas has no gazetteer of towns or neighbourhoods: search for a town by its postcode."
)
