"""Start a program with resource limits, a clean environment and, optionally, another user.

    python -I limits.py --memory BYTES --cpu SECONDS --fsize BYTES --nproc N \
        [--user UID] --env KEY=VALUE ... -- program args...

The grader puts this in front of each kernel's command (inside bubblewrap when the
machine has it), run as a script by the student environment's Python: it is standard
library only, and the grader's package is not importable there.
"""
import argparse
import os
import resource


def apply(memory, cpu, fsize, nproc):
    for limit, value in ((resource.RLIMIT_AS, memory), (resource.RLIMIT_CPU, cpu),
                         (resource.RLIMIT_FSIZE, fsize), (resource.RLIMIT_NPROC, nproc),
                         (resource.RLIMIT_CORE, 0)):
        if value is not None:
            resource.setrlimit(limit, (value, value))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="limits.py")
    parser.add_argument("--memory", type=int)
    parser.add_argument("--cpu", type=int)
    parser.add_argument("--fsize", type=int)
    parser.add_argument("--nproc", type=int)
    parser.add_argument("--user", type=int, help="switch to this uid (and gid) first")
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if args.user is not None:
        os.setgroups([])
        os.setgid(args.user)
        os.setuid(args.user)
    apply(args.memory, args.cpu, args.fsize, args.nproc)
    env = dict(item.split("=", 1) for item in args.env)
    os.execvpe(command[0], command, env)


if __name__ == "__main__":
    main()
