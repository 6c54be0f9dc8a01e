"""Citizens sign in with their ID number and password and see their own page."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from shebao.accounts.models import User
from shebao.accounts.services import citizen_account_create

from .factories import person as make_person
from .factories import resident_id

pytestmark = pytest.mark.django_db
PASSWORD = "Shebao@2026"


@pytest.fixture
def citizen(office):
    rid = resident_id(region="132321", birth="19670515")
    person = make_person(office, resident_id=rid, name="李建国")
    citizen_account_create(person=person, resident_id=rid, password=PASSWORD)
    return rid, person


def test_sign_in_with_id_number_and_password_shows_the_persons_own_name(client, citizen):
    rid, person = citizen
    response = client.post(
        reverse("portal:sign-in"), {"username": rid, "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "李建国" in page and person.id_number_masked in page
    assert rid not in page  # never shown in full


def test_the_user_table_holds_no_id_number(citizen):
    rid, _ = citizen
    assert not User.objects.filter(username__contains=rid[:10]).exists()
    assert User.objects.get(kind="citizen").username.startswith("c-")


def test_a_wrong_password_says_so_and_keeps_what_was_typed(client, citizen):
    rid, _ = citizen
    response = client.post(
        reverse("portal:sign-in"),
        {"username": rid, "password": "wrong-pass"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "身份证号码或密码不正确" in page
    assert f'value="{rid}"' in page  # the ID number stays in the box; nothing to retype


def test_a_mistyped_id_number_is_explained_before_any_password_check(client, citizen):
    rid, _ = citizen
    typo = rid[:-1] + ("1" if rid[-1] != "1" else "2")
    response = client.post(reverse("portal:sign-in"), {"username": typo, "password": PASSWORD})
    page = response.content.decode()
    assert response.status_code == 400 and "校验位" in page
    assert AccessAttempt.objects.count() == 0  # a typo is not a guess


def test_five_wrong_passwords_pause_sign_in_and_the_lockout_record_is_opaque(client, citizen):
    rid, _ = citizen
    for _ in range(5):
        client.post(reverse("portal:sign-in"), {"username": rid, "password": "wrong-pass"})
    response = client.post(reverse("portal:sign-in"), {"username": rid, "password": PASSWORD})
    assert response.status_code == 429
    assert "15" in response.content.decode()
    attempt = AccessAttempt.objects.get()
    assert rid not in attempt.username and rid not in (attempt.post_data or "")


def test_pages_need_sign_in(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302 and reverse("portal:sign-in") in response["Location"]


def test_english_is_available_once_chosen(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/sign-in/"})
    response = client.get(reverse("portal:sign-in"))
    assert "Sign in" in response.content.decode() and 'lang="en"' in response.content.decode()


def test_chinese_is_the_default_even_for_a_browser_set_to_english(client):
    response = client.get(reverse("portal:sign-in"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "登录" in response.content.decode() and 'lang="zh-Hans"' in response.content.decode()
