"""Reminders by Web Push to the installed app. Off unless the VAPID keys are set. The message
says only "It is time for your skin check": the push service carries it, so nothing else may
be in it. A browser whose subscription the push service no longer knows (404, 410) is forgotten."""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from pywebpush import WebPushException, webpush

from monitoring.models import PushSubscription

GONE = (404, 410)


def enabled() -> bool:
    return bool(settings.VAPID_PUBLIC_KEY and settings.VAPID_PRIVATE_KEY)


def queue_to(patient) -> int:
    """Queue the reminder to each of the patient's browsers. Returns how many."""
    from monitoring.reminders.tasks import send_push

    if not enabled():
        return 0
    ids = list(PushSubscription.objects.filter(patient=patient).values_list("pk", flat=True))
    for pk in ids:
        send_push.enqueue(subscription_id=pk)
    return len(ids)


def message() -> str:
    return json.dumps(
        {
            "title": _("Skin Change Tracker"),
            "body": _("It is time for your skin check."),
            "url": "/",
        }
    )


def deliver(subscription: PushSubscription) -> str:
    """Send now: "sent", or "gone" when the browser unsubscribed (the row is deleted). Other
    failures raise, for the task to try again."""
    try:
        webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=message(),
            vapid_private_key=settings.VAPID_PRIVATE_KEY,
            vapid_claims={"sub": settings.VAPID_SUBJECT},
            ttl=24 * 60 * 60,
        )
    except WebPushException as error:
        if error.response is not None and error.response.status_code in GONE:
            subscription.delete()
            return "gone"
        raise
    return "sent"


def subscribe(*, patient, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Remember this browser for `patient` (a browser moves to whoever subscribed it last)."""
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults={"patient": patient, "p256dh": p256dh, "auth": auth}
    )
    return subscription
