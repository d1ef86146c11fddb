"""Bodies are hashed by reading them once, in chunks, and come back replayable with their exact length."""

import hashlib
import io
import os
import tempfile
import unittest

from mlflow_execute_api_auth.errors import UnsupportedBodyError
from mlflow_execute_api_auth.payload import CHUNK_SIZE, EMPTY_SHA256, SPOOL_MEMORY_LIMIT, prepare_payload


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class CountingReader(io.RawIOBase):
    """A seekable binary file that counts the bytes read from it and the largest single read."""

    def __init__(self, data: bytes) -> None:
        self._inner = io.BytesIO(data)
        self.bytes_read = 0
        self.largest_read = 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def read(self, size=-1):
        chunk = self._inner.read(size)
        self.bytes_read += len(chunk)
        self.largest_read = max(self.largest_read, len(chunk))
        return chunk

    def seek(self, offset, whence=0):
        return self._inner.seek(offset, whence)

    def tell(self):
        return self._inner.tell()


class Unseekable(io.RawIOBase):
    """A pipe-like stream: readable once, not seekable."""

    def __init__(self, data: bytes) -> None:
        self._inner = io.BytesIO(data)

    def readable(self):
        return True

    def seekable(self):
        return False

    def read(self, size=-1):
        return self._inner.read(size)


class PreparePayload(unittest.TestCase):
    def test_none_bytes_and_str(self):
        self.assertEqual((prepare_payload(None).sha256, prepare_payload(None).length), (EMPTY_SHA256, 0))
        self.assertEqual(prepare_payload(b"").sha256, EMPTY_SHA256)
        prepared = prepare_payload("é")
        self.assertEqual((prepared.body, prepared.sha256, prepared.length), ("é".encode(), sha("é".encode()), 2))
        self.assertEqual(prepare_payload(bytearray(b"ab")).body, b"ab")

    def test_a_file_is_read_once_in_chunks_and_rewound_to_where_the_caller_left_it(self):
        data = os.urandom(3 * CHUNK_SIZE + 123)
        reader = CountingReader(data)
        reader.seek(100)
        prepared = prepare_payload(reader)
        self.assertIs(prepared.body, reader)
        self.assertEqual(reader.tell(), 100)
        self.assertEqual((prepared.sha256, prepared.length), (sha(data[100:]), len(data) - 100))
        self.assertEqual(reader.bytes_read, len(data) - 100)
        self.assertLessEqual(reader.largest_read, CHUNK_SIZE)
        self.assertIsNone(prepared.spool)

    def test_an_unseekable_stream_is_spooled(self):
        data = os.urandom(SPOOL_MEMORY_LIMIT + 10)
        prepared = prepare_payload(Unseekable(data))
        self.addCleanup(prepared.spool.close)
        self.assertIs(prepared.body, prepared.spool)
        self.assertEqual((prepared.sha256, prepared.length), (sha(data), len(data)))
        self.assertEqual(prepared.body.read(), data)

    def test_a_text_mode_file_is_sent_as_the_utf8_bytes_that_were_hashed(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "notes.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("données\n" * 1000)
            with open(path, "r", encoding="utf-8") as f:
                prepared = prepare_payload(f)
                self.addCleanup(prepared.spool.close)
            expected = ("données\n" * 1000).encode("utf-8")
            self.assertEqual((prepared.sha256, prepared.length), (sha(expected), len(expected)))
            self.assertEqual(prepared.body.read(), expected)

    def test_a_generator_is_spooled_to_disk_beyond_the_memory_limit(self):
        chunks = [os.urandom(256 * 1024) for _ in range(6)] + ["fin"]
        prepared = prepare_payload(iter(chunks))
        self.addCleanup(prepared.spool.close)
        expected = b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks)
        self.assertEqual((prepared.sha256, prepared.length), (sha(expected), len(expected)))
        self.assertTrue(prepared.spool._rolled, "a body over SPOOL_MEMORY_LIMIT must live in a temporary file")
        self.assertEqual(prepared.body.tell(), 0)
        self.assertEqual(prepared.body.read(), expected)

    def test_a_small_generator_stays_in_memory(self):
        prepared = prepare_payload(c for c in [b"a", b"b"])
        self.addCleanup(prepared.spool.close)
        self.assertFalse(prepared.spool._rolled)
        self.assertEqual(prepared.body.read(), b"ab")

    def test_bodies_that_cannot_be_sent_get_a_clear_error(self):
        with self.assertRaisesRegex(UnsupportedBodyError, "yielded int"):
            prepare_payload(iter([b"a", 5]))
        with self.assertRaisesRegex(UnsupportedBodyError, "of type float"):
            prepare_payload(1.5)
