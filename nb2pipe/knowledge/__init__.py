"""Knowledge as data: every table nb2pipe consults, one home each (imports only model)."""
