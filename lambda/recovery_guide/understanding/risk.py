"""The kinds of crisis the understanding can find (the crisis topic ids they answer under), and how
urgent a turn is judged to be."""
OVERDOSE = "crisis_overdose"
SUICIDE = "crisis_suicide"

EMERGENCY = "emergency"   # an overdose happening or just happened; intent or a plan to die
AT_RISK = "at_risk"       # passive thoughts of death, hopelessness, using alone after a break
