"""The admin's view of patient data: read-only for everyone (superusers included), and every
page that shows it writes an access-log row with the role "administrator" (through
`tracker.access.record_access`, like every other read of someone's record).

Apply `PatientDataAdmin` to every model that holds a patient's data, with `patient_path` leading
from a row to its patient's id ("patient", "area__patient", ...).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote

from tracker.access import record_access

ADMINISTRATOR = "administrator"


class PatientDataAdmin(admin.ModelAdmin):
    patient_path = "patient"
    log_what = "other"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _log(self, request, patient_ids, object_code=None):
        ids = sorted({pid for pid in patient_ids if pid is not None})
        if ids:
            record_access(
                request,
                patient_ids=ids,
                what=self.log_what,
                object_code=object_code,
                role=ADMINISTRATOR,
            )

    def _patients_of(self, pks):
        rows = self.model._default_manager.filter(pk__in=pks)
        return rows.values_list(self.patient_path, flat=True)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            self._log(request, self._patients_of([row.pk for row in changelist.result_list]))
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        self._log_one(request, object_id, response)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        self._log_one(request, object_id, response)
        return response

    def _log_one(self, request, object_id, response):
        if response.status_code != 200:
            return
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            self._log(request, self._patients_of([obj.pk]), getattr(obj, "code", None))
