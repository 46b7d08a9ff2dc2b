"""The sign-up page says how strong the new password is as it is typed (the server decides)."""

import re


def test_the_meter_follows_what_is_typed(phone, transactional_db):
    page = phone
    page.goto(page.base + "/accounts/signup/")
    field = page.get_by_label(re.compile(r"^\s*Password\*?\s*$"))
    hint = page.locator("#password-meter-hint")
    field.fill("Skin2026")
    assert "too short" in hint.inner_text()
    field.fill("aaaaaaaaaaaaaaaa")
    assert "weak" in hint.inner_text()
    field.fill("correct-horse-battery-staple")
    assert "strong" in hint.inner_text()
    assert "password-meter-hint" in field.get_attribute("aria-describedby")
