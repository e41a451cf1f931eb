"""Recovery Guide: an Alexa skill that answers questions about getting off opioids."""
