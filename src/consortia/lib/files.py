"""Uploaded files and the database rows that point at them."""

from contextlib import contextmanager


@contextmanager
def removed_if_the_write_fails(field_file):
    """Delete a just-stored upload when the rest of the write fails.

    Storing a file is not part of the database transaction: without this, a write that rolls
    back after the file was saved would leave it on disk with nothing pointing at it.
    """
    try:
        yield
    except BaseException:
        if field_file:
            field_file.storage.delete(field_file.name)
        raise
