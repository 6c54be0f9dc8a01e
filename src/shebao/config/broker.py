"""The embedded broker: kombu's filesystem transport, with each message written atomically.

kombu 5.7's filesystem transport writes a message straight into the queue folder under its
final name and relies on an advisory lock that the consumer never takes: a worker polling at
that moment moves the half-written (often empty) file away, fails to parse it and stops with
"Unrecoverable error: JSONDecodeError". Seen when the demo seeds while its worker runs.

Here a message is written under a name the consumer ignores (no ``.msg`` suffix) and renamed
into place, which is atomic on one filesystem: the consumer sees a whole message or none.
`config/celery.py` points the ``filesystem`` transport alias at this class.
"""

from __future__ import annotations

import os
import uuid
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class AtomicChannel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = os.path.join(self.data_folder_out, f".{name}.part")
        try:
            with open(partial, "wb") as out:
                out.write(str_to_bytes(dumps(payload)))
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class AtomicFilesystemTransport(filesystem.Transport):
    Channel = AtomicChannel
