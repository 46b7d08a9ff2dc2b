"""Personas shared by every test module: a patient, another patient and an uninvited clinician."""

from contextlib import contextmanager

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.factories import AreaFactory, ClinicianFactory, EntryFactory, UserFactory

PANGO_HELP = (
    "The visit-summary PDF tests need WeasyPrint, which needs the Pango library: "
    "`sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0` (Debian/Ubuntu) or "
    "`brew install pango` (macOS)."
)


def pytest_sessionstart(session):
    """Stop at once with one clear sentence, rather than dozens of failures, without Pango."""
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        raise pytest.UsageError(f"{PANGO_HELP} ({error})") from None


@pytest.fixture(scope="session")
def s3_server():
    """moto's standalone S3 server on loopback, for the whole session (PHOTO_STORAGE=s3 only)."""
    from tests.s3_server import MotoServer

    server = MotoServer().start()
    yield server
    server.stop()


@pytest.fixture
def patient(db):
    return UserFactory(full_name="Pat Patient", email="pat@example.com")


@pytest.fixture
def other_patient(db):
    return UserFactory(full_name="Olga Other", email="olga@example.com")


@pytest.fixture
def clinician(db):
    """A clinician nobody has invited: must see nothing of any patient."""
    return ClinicianFactory(full_name="Dr Uninvited", email="dr.uninvited@example.com")


@pytest.fixture
def area(patient):
    return AreaFactory(patient=patient, name="Lump under left scar", site="scar_left")


@pytest.fixture
def entry(area):
    return EntryFactory(area=area, signs=["new_lump"], change="new", size_mm=6)


def client_for(client, user):
    """Logged in, second step passed: as force_login skips the password, this skips the code, for
    tests of other pages (tests/test_two_factor.py tests the step itself)."""
    client.force_login(user)
    pass_second_factor(client)
    return client


def pass_second_factor(client):
    from tracker.security import two_factor

    session = client.session
    session[two_factor.VERIFIED] = "tests"
    session.pop(two_factor.PENDING, None)
    session.save()


@contextmanager
def shared_rows(django_db_blocker):
    """Rows made inside this block stay until it ends, then are rolled back: data made once for a
    class of tests, like Django's setUpTestData, but for pytest classes and their parametrized
    tests. Each test still runs in its own transaction inside it (a savepoint), so nothing a test
    writes outlives the test. Every test that runs while the block is open sees its rows: use it
    in a class-scoped fixture that only the tests of one class ask for, or close it before any
    test runs."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
        # Close it, as Django's TransactionTestCase does after each test: left open, on
        # PostgreSQL, it was still open when the run dropped the test database (once the live
        # server of the browser tests had set up its own), which failed with a warning.
        connection.close()


@contextmanager
def at_most_queries(most):
    """Fail if the block runs more than `most` queries: django_assert_max_num_queries for Django
    TestCase classes (which cannot take pytest fixtures)."""
    with CaptureQueriesContext(connection) as captured:
        yield captured
    done = len(captured.captured_queries)
    assert done <= most, f"expected {most} queries or fewer, ran {done}"


@pytest.fixture
def patient_client(client, patient):
    return client_for(client, patient)


@pytest.fixture
def stranger_clients(db, other_patient, clinician):
    """Logged-in clients for everyone who must get a 404 on the patient's data."""
    from django.test import Client

    return {
        "other patient": client_for(Client(), other_patient),
        "uninvited clinician": client_for(Client(), clinician),
    }


@pytest.fixture
def invited_clinician(patient):
    """A clinician the patient shared their record with (an active clinician grant)."""
    from tracker.models import CareGrant

    member = ClinicianFactory(full_name="Dr Invited", email="dr.invited@example.com")
    CareGrant.objects.create(patient=patient, member=member, role="clinician")
    return member


@pytest.fixture
def caregiver(patient):
    """A caregiver the patient shared their record with, to read only (not to log entries)."""
    from tracker.models import CareGrant

    member = UserFactory(full_name="Cara Giver", email="cara@example.com")
    CareGrant.objects.create(patient=patient, member=member, role="caregiver")
    return member


@pytest.fixture
def revoked_clinician(patient):
    """A clinician whose grant the patient revoked: must see nothing any more."""
    member = ClinicianFactory(full_name="Dr Revoked", email="dr.revoked@example.com")
    from django.utils import timezone

    from tracker.models import CareGrant

    CareGrant.objects.create(
        patient=patient, member=member, role="clinician", revoked_at=timezone.now()
    )
    return member


@pytest.fixture
def refused_clients(stranger_clients, revoked_clinician):
    """Logged-in clients of everyone refused the patient's record, the revoked clinician too."""
    from django.test import Client

    return {**stranger_clients, "revoked clinician": client_for(Client(), revoked_clinician)}


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, past the second step (staff must pass it)."""
    return client_for(client, admin_user)


@pytest.fixture(autouse=True)
def fresh_throttles():
    """The throttles count in the cache: each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
