// Loose.
