"""The topic ids every answer is classified under (content/topics.md; a test keeps them in step)."""
TOPICS = (
    "withdrawal_symptoms", "withdrawal_timeline", "withdrawal_danger", "withdrawal_relief",
    "detox_what_is", "detox_at_home_vs_medical", "buprenorphine", "methadone", "naltrexone",
    "maintenance_vs_abstinence", "overdose_signs_response", "naloxone", "fentanyl_harm_reduction",
    "tolerance_after_detox", "relapse", "staying_clean_long_term", "find_treatment", "cost_insurance",
    "helping_someone_else", "pregnancy", "helpline", "crisis_overdose", "crisis_suicide", "affirmation",
    "out_of_scope",
)
# Topics other parts of the skill own: the content library does not answer them with entries.
NOT_IN_LIBRARY = ("crisis_overdose", "crisis_suicide")
# Entries under these topics make no medical statement (what the skill covers; the way to the
# daily affirmation), so they name no source.
NON_MEDICAL = ("out_of_scope", "affirmation")
