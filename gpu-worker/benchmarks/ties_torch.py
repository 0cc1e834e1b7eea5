"""TIES merge of the synthetic benchmark models with PyTorch on the CPU, for comparison with `graphfusion bench merge`.

Usage: python3 ties_torch.py MODELS_FOLDER [--density 0.5] [--threads N]
MODELS_FOLDER holds base/ and ft1..ft4/ with model.safetensors (written by `graphfusion bench merge --keep --work DIR`,
folder DIR/models-SIZE). Same algorithm as the library: per tensor, keep the top round(density*n) magnitudes of each task
vector, elect the sign of the weighted sum, average the agreeing entries, add to the base. Reads with mmap (no
safetensors package needed), drops the inputs from the page cache first, prints read GB/s and peak RSS.
"""
import argparse, json, mmap, os, resource, struct, sys, time
import torch

DTYPES = {"BF16": torch.bfloat16, "F16": torch.float16, "F32": torch.float32}


def open_safetensors(path):
    f = open(path, "rb")
    n = struct.unpack("<Q", f.read(8))[0]
    header = json.loads(f.read(n))
    header.pop("__metadata__", None)
    m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    return f, m, 8 + n, header


def tensor(m, start, info):
    b, e = info["data_offsets"]
    buf = m[start + b:start + e]
    return torch.frombuffer(bytearray(buf), dtype=DTYPES[info["dtype"]]).reshape(info["shape"])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("--density", type=float, default=0.5)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    names = ["base"] + [f"ft{i}" for i in range(1, 5)]
    paths = [os.path.join(a.folder, n, "model.safetensors") for n in names]
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
    files = [open_safetensors(path) for path in paths]
    start = time.perf_counter()
    read = 0

    for name, info in files[0][3].items():
        base = tensor(files[0][1], files[0][2], info).float()
        read += info["data_offsets"][1] - info["data_offsets"][0]
        taus = []
        for f in files[1:]:
            i2 = f[3][name]
            t = tensor(f[1], f[2], i2).float() - base
            read += i2["data_offsets"][1] - i2["data_offsets"][0]
            k = int(round(a.density * t.numel()))
            flat = t.flatten()
            if k < flat.numel():
                threshold = flat.abs().kthvalue(flat.numel() - k).values
                flat = torch.where(flat.abs() > threshold, flat, torch.zeros_like(flat))
            taus.append(flat)
        stacked = torch.stack(taus)
        sign = torch.sign(stacked.sum(0))
        agree = (torch.sign(stacked) == sign) & (stacked != 0)
        total = (stacked * agree).sum(0)
        count = agree.sum(0).clamp(min=1)
        merged = (base.flatten() + total / count).reshape(base.shape).to(DTYPES[info["dtype"]])
        del merged
    elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"method": "ties (torch)", "torch": torch.__version__, "threads": a.threads, "bytes_read": read,
                      "seconds": round(elapsed, 2), "read_gb_per_s": round(read / 1e9 / elapsed, 3), "peak_rss_gb": round(rss / 1e9, 2)}))


if __name__ == "__main__":
    sys.exit(main())
