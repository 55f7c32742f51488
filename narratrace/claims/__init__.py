"""Sources, claims and corroboration: who said what, and how many independent origins a claim has."""
