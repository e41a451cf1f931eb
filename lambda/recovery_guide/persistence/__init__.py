"""Per-user storage behind one small interface (see base.UserStore)."""
