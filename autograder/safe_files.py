"""Reading files a student supplied, without following links or blocking on pipes.

A submission folder is the student's: a name in it may be a symbolic link (to the
gradebook, say), a named pipe that blocks any reader, or a device. Every read of it
goes through :func:`read_regular`, which opens without following links, refuses
anything but a regular file, and reads a bounded number of bytes.
"""
import os
import stat

MAX_BYTES = 128 * 2**20


class NotARegularFile(OSError):
    """The path is a link, a pipe, a device or a folder, or is too large."""


def read_regular(path, max_bytes=MAX_BYTES):
    """The bytes of the regular file at ``path`` (never through a link; at most max_bytes)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as err:
        raise NotARegularFile(f"{os.path.basename(path)} cannot be opened as a plain file "
                              f"({err.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(f"{os.path.basename(path)} is not a plain file")
        if info.st_size > max_bytes:
            raise NotARegularFile(f"{os.path.basename(path)} is larger than "
                                  f"{max_bytes // 2**20} MB")
        chunks, left = [], max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 2**20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise NotARegularFile(f"{os.path.basename(path)} is larger than "
                                  f"{max_bytes // 2**20} MB")
        return data
    finally:
        os.close(fd)


def is_regular(path):
    """Whether ``path`` itself (not a link's target) is a regular file."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
