"""Reports written for the cross-document event tests: one drone strike told three times (one
a syndicated copy of another, with another headline and a footer), and another strike on the
same day in another town."""

STRIKE_WIRE = """Israeli drone strike kills Hezbollah fighters in Nabatieh

An Israeli drone struck a car in the southern Lebanese town of Nabatieh on Sunday, killing three Hezbollah \
fighters, security sources said. The Israeli military said it had targeted militants who were preparing rocket \
launches at northern Israel. Hezbollah has traded fire with Israel across the border for months.
"""

# The wire story as a partner paper printed it: another headline, a footer, the same body.
STRIKE_COPY = """Three Hezbollah members killed in Israeli strike, sources say

An Israeli drone struck a car in the southern Lebanese town of Nabatieh on Sunday, killing three Hezbollah \
fighters, security sources said. The Israeli military said it had targeted militants who were preparing rocket \
launches at northern Israel. Hezbollah has traded fire with Israel across the border for months.

Copyright 2024 Gulf Daily. All rights reserved.
"""

STRIKE_OWN = """Hezbollah mourns four fighters after Israeli raid

Israeli warplanes bombed a vehicle near Nabatieh late on Sunday, and four members of Hezbollah were killed, the \
group said in a statement. Residents said the car burst into flames on the main road.
"""

OTHER_STRIKE = """Drone hits motorcycle in Tyre

An Israeli drone struck a motorcycle in Tyre on Sunday, killing a Hezbollah commander, a security source said.
"""

PUBLISHED = "2024-03-11"  # a Monday: "Sunday" is 2024-03-10
