#!/usr/bin/env python3
# Re-runs a Pilar door-prize draw (algorithm "pilar-undian-v1", src/events/draw.hpp) without
# Pilar, so anyone present can check that the recorded seed and eligible list give the recorded
# winners. Needs Python 3 and the `cryptography` package (Debian: python3-cryptography).
#
#   scripts/verify-draw.py SEED COUNT ID,ID,ID...      prints the winners in draw order
#   curl .../api/v1/acara/7/undian | ...               the seed, jumlah and calon of each draw
import hashlib
import struct
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms


def draw(seed: str, eligible: list[int], k: int) -> list[int]:
    key = hashlib.blake2b(b"pilar-undian-v1\0" + seed.encode(), digest_size=32).digest()
    # cryptography's ChaCha20 nonce is 16 bytes: a 4-byte little-endian block counter (0) and
    # the RFC 8439 96-bit nonce (zeros).
    stream = Cipher(algorithms.ChaCha20(key, b"\0" * 16), mode=None).encryptor()
    buf = b""

    def next_u64() -> int:
        nonlocal buf
        if len(buf) < 8:
            buf += stream.update(b"\0" * 64)
        v = struct.unpack("<Q", buf[:8])[0]
        buf = buf[8:]
        return v

    def uniform(m: int) -> int:
        rem = (2**64) % m
        while True:
            x = next_u64()
            if rem == 0 or x < 2**64 - rem:
                return x % m

    lst = sorted(set(eligible))
    n = len(lst)
    for i in range(min(k, n)):
        j = i + uniform(n - i)
        lst[i], lst[j] = lst[j], lst[i]
    return lst[: min(k, n)]


def digest(ids: list[int]) -> str:
    return hashlib.blake2b(",".join(str(i) for i in sorted(set(ids))).encode(), digest_size=32).hexdigest()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__ or "usage: verify-draw.py SEED COUNT ID,ID,...")
    ids = [int(x) for x in sys.argv[3].split(",") if x]
    print("calon_digest", digest(ids))
    print("pemenang", ",".join(str(w) for w in draw(sys.argv[1], ids, int(sys.argv[2]))))
