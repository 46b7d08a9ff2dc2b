"""Django's "jsonl" serializer, with date-times to the microsecond (registered in place of the
built-in one by ``SERIALIZATION_MODULES``, so `dumpdata` and the backup use it).

Django's JSON encoder cuts date-times to the millisecond; a backup restored from it would not give
back the same timestamps (and one whose microseconds were under 1,000 would even read back
differently from the original when dumped again). Reading is unchanged: the built-in reader
already takes microseconds.
"""

import datetime

from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = jsonl.Deserializer
