def login_username(request, credentials=None):
    """The account a login attempt is for, as django-axes counts it: the typed email, in lower
    case, so "Pat@Example.com" and "pat@example.com" share one count."""
    value = (credentials or {}).get("username") or request.POST.get("username") or ""
    # Cut to what an email address can be: django-axes stores it in a 255-character column.
    return value.strip().lower()[:254]
