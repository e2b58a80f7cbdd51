"""Writes the TensorBoard event file the trainer's Java tests compare their writer with.

Run from the repository root with the `tensorboard` package installed (see README.md):

    python scripts/tensorboard-fixtures/generate.py

TensorBoard's own EventFileWriter writes the file and its own summary functions build the values
(scalar_pb, text_pb); the wall times are fixed, so a rerun with the same TensorBoard version
rewrites the same bytes. The file name TensorBoard gives (time, host, pid) is replaced by a fixed
one.
"""

import glob
import json
import os
import platform
import shutil
import tempfile
from unittest import mock

import tensorboard
from tensorboard.compat.proto import event_pb2
from tensorboard.plugins.scalar import summary_v2 as scalar_summary
from tensorboard.plugins.text import summary_v2 as text_summary
from tensorboard.summary.writer.event_file_writer import EventFileWriter

OUT = os.path.join("trainer", "src", "test", "resources", "tensorboard")
FILE = "golden.tfevents"

# Mirrored by TensorBoardGoldenTest: the same events at the same wall times.
FILE_VERSION_WALL_TIME = 1700000000.25
START = (1700000001.5, 7)
SCALARS = [
    # wall time, step, tag, value
    (1700000002.0, 7, "train/loss", 7.25),
    (1700000002.0, 7, "train/learning_rate", 1e-4),
    (1700000003.125, 8, "train/loss", 6.875),
    (1700000003.125, 8, "train/learning_rate", 2e-4),
    (1700000004.0, 9, "eval/mlm_accuracy", 0.1337),
]
TEXTS = [
    (1700000004.0, 9, "probes/the [MASK] of the union", "- state 0.210, nation 0.100\n- ü ✓"),
]


def main():
    tmp = tempfile.mkdtemp()
    try:
        with mock.patch("time.time", return_value=FILE_VERSION_WALL_TIME):
            writer = EventFileWriter(tmp)
        wall_time, step = START
        writer.add_event(
            event_pb2.Event(
                wall_time=wall_time,
                step=step,
                session_log=event_pb2.SessionLog(status=event_pb2.SessionLog.START),
            )
        )
        for wall_time, step, tag, value in SCALARS:
            summary = scalar_summary.scalar_pb(tag, value)
            writer.add_event(event_pb2.Event(wall_time=wall_time, step=step, summary=summary))
        for wall_time, step, tag, text in TEXTS:
            summary = text_summary.text_pb(tag, text)
            writer.add_event(event_pb2.Event(wall_time=wall_time, step=step, summary=summary))
        writer.close()
        (written,) = glob.glob(os.path.join(tmp, "events.out.tfevents.*"))
        os.makedirs(OUT, exist_ok=True)
        shutil.copyfile(written, os.path.join(OUT, FILE))
    finally:
        shutil.rmtree(tmp)
    with open(os.path.join(OUT, "versions.json"), "w") as f:
        json.dump(
            {"python": platform.python_version(), "tensorboard": tensorboard.__version__},
            f,
            indent=1,
        )
        f.write("\n")


if __name__ == "__main__":
    main()
