"""The grader's side of a hidden test: the student's functions, called across the boundary.

A hidden test runs here, in the trusted grading process, never in the student's
kernel. The kernel runs ``autograder.kernel_shim.serve()`` for the length of one check;
:class:`KernelSession` talks to it over Jupyter's stdin channel, and each of the
student's names becomes a :class:`RemoteFunction` (or plain data, for an answer such as
``answer_fp_bp_order = "ii"``). Calling a ``RemoteFunction`` ships the arguments to the
kernel as data (:mod:`autograder.wire`), runs the student's function there, and brings
the result back as data. The check then compares it with references computed here.

Helpers that the check lends the student's code, stand-ins such as a correct
``forward`` while ``backprop`` is graded, and callable arguments such as the cost ``J``
of a gradient check, stay here too: the kernel gets a stub that asks for each value, and
the stub answers only during the call it was made for.
"""
import builtins
import json
import time

import zmq

from . import kernel_shim, wire
from .language import _

SHIM_SOURCE = open(kernel_shim.__file__, encoding="utf-8").read()
#: runs the shim in a namespace of its own, so that the student's names are untouched
SERVE = ("(lambda ns: (exec(compile({source!r}, '<autograder shim>', 'exec'), ns), "
         "ns['serve']()))({{'__name__': '_autograder_shim'}})")
MAX_CALLBACKS = 20_000  # per check: a stand-in called more often is a loop gone wrong
MAX_CHECK_OUTPUT_BYTES = 200_000


class StudentRaised(Exception):
    """The student's function raised ``type_name`` with ``message`` (in the kernel)."""

    def __init__(self, type_name, message):
        super().__init__(message)
        self.type_name, self.message = type_name, message


_RAISED_CLASSES = {}


def student_raised(type_name, message):
    """A StudentRaised that is also the built-in exception it names, when there is one,
    so that a check's ``except TypeError`` sees the student's TypeError as it would
    in the kernel. Interrupts and exits never become real ones here."""
    builtin = getattr(builtins, type_name, None)
    if not (isinstance(builtin, type) and issubclass(builtin, Exception)):
        return StudentRaised(type_name, message)
    if type_name not in _RAISED_CLASSES:
        try:
            _RAISED_CLASSES[type_name] = type(f"Student{type_name}", (StudentRaised, builtin), {})
        except TypeError:  # a built-in whose layout cannot be mixed in
            _RAISED_CLASSES[type_name] = StudentRaised
    return _RAISED_CLASSES[type_name](type_name, message)


class KernelLost(BaseException):
    """The kernel stopped answering, died, ran out of time or broke the protocol.

    A BaseException, so that a check's own ``except Exception`` cannot swallow it.
    """

    def __init__(self, reason, fatal=False):
        super().__init__(reason)
        self.reason, self.fatal = reason, fatal


class RemoteFunction:
    """A function that lives in the student's kernel, called from the grader."""

    def __init__(self, session, name, handle=None):
        self.session, self.handle = session, handle
        self.__name__ = self.__qualname__ = name
        self.stand_ins = {}  # set by autograder.cases.substituted

    def __call__(self, *args, **kwargs):
        return self.session.call(self.__name__, args, kwargs, self.stand_ins, self.handle)

    def wire_reference(self):
        """How the kernel finds this function again (see autograder.wire.encode)."""
        if self.handle is not None:
            return {"__handle__": self.handle}
        return {"__global__": self.__name__}

    def student_global(self, name):
        """Another name of the student's notebook (None if it has none)."""
        return self.session.value_of(name, missing=None)

    def seed_legacy_rng(self, seed):
        self.session.seed_legacy_rng(seed)

    @property
    def static_references(self):
        """Dotted names this function's code reaches, read from the notebook's source
        (not through the names the grader's stand-ins replace)."""
        return self.session.references_of(self.__name__, set(self.stand_ins))

    def __repr__(self):
        return f"<the notebook's function {self.__name__}>"


class KernelSession:
    """One hidden check's conversation with the kernel (see ``kernel_shim``).

    connection_info: the kernel's, from its manager; outputs: a list that collects
    what the student's code prints while it is called (NotebookNode outputs);
    deadline: time.monotonic() by which the whole check must end; references_of:
    name -> dotted names its code uses (the static scan of the notebook's cells).
    """

    def __init__(self, client, outputs, deadline, references_of=None):
        self.client, self.outputs, self.deadline = client, outputs, deadline
        self.references_of = references_of or (lambda name, stand_ins: set())
        self.msg_id = None
        self.callbacks_used = 0
        self.output_bytes = 0
        self.finished = False
        self.idle = False  # the kernel reported this request done on iopub

    # --- the conversation ----------------------------------------------------------
    def start(self):
        self.msg_id = self.client.execute(SERVE.format(source=SHIM_SOURCE), silent=False,
                                          store_history=False, allow_stdin=True,
                                          stop_on_error=False)
        first = self._next_prompt()
        if first.get("op") != "ready":
            raise KernelLost("the notebook's kernel did not start the grader's checks")

    def finish(self):
        """End ``serve()`` in the kernel and wait for its reply (best effort)."""
        if self.finished or self.msg_id is None:
            return
        self.finished = True
        self.client.input(json.dumps({"op": "done"}))
        try:
            self._next_prompt()
        except KernelLost:
            pass

    def _send(self, message):
        if self.finished:
            raise KernelLost("the check is over")
        self.client.input(json.dumps(message))

    def _request(self, message, callbacks=None):
        """Send a command; answer callbacks until the kernel's answer to it arrives."""
        self._send(message)
        while True:
            reply = self._next_prompt()
            if reply.get("op") != "callback":
                return reply
            self._send(self._answer_callback(reply, callbacks))

    def _answer_callback(self, message, callbacks):
        self.callbacks_used += 1
        if self.callbacks_used > MAX_CALLBACKS:
            raise KernelLost(f"the notebook called the grader's helpers more than "
                             f"{MAX_CALLBACKS} times in one check")
        function = callbacks.functions.get(message.get("id")) if callbacks else None
        if function is None:
            return {"op": "error", "type": "RuntimeError",
                    "message": "this helper of the grader is only valid during its check"}
        try:
            resolve = self._resolver(callbacks)
            args = wire.decode(message.get("args", []), resolve=resolve)
            kwargs = wire.decode(message.get("kwargs", {"__dict__": []}), resolve=resolve)
            if not isinstance(args, list) or not isinstance(kwargs, dict) or \
                    not all(isinstance(k, str) for k in kwargs):
                raise wire.WireError("malformed arguments")
            value = function(*args, **kwargs)
            return {"op": "value", "value": wire.encode(value, callbacks),
                    "rng_after": wire.generator_states(args)}
        except wire.WireError as err:
            return {"op": "error", "type": "TypeError", "message": str(err)}
        except Exception as err:  # noqa: BLE001 - the student's arguments made it fail
            return {"op": "error", "type": type(err).__name__ if type(err).__module__ ==
                    "builtins" else "ValueError", "message": str(err)[:500]}

    def _resolver(self, callbacks):
        """How references in the kernel's data become objects here (see wire.decode)."""
        def resolve(tag, raw):
            if tag == "callback":
                function = callbacks.functions.get(raw["__callback__"]) if callbacks else None
                if function is None:
                    raise wire.WireError("a helper of the grader's, out of its call")
                return function
            return RemoteFunction(self, f"a {str(raw.get('type'))[:40]} from the notebook",
                                  handle=raw["__handle__"])
        return resolve

    def _next_prompt(self):
        """The next JSON message the kernel sends on stdin (or KernelLost)."""
        client = self.client
        poller = zmq.Poller()
        sockets = {client.stdin_channel.socket: "stdin", client.iopub_channel.socket: "iopub",
                   client.shell_channel.socket: "shell"}
        for socket in sockets:
            poller.register(socket, zmq.POLLIN)
        while True:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise KernelLost("the hidden checks ran past the time limit", fatal=True)
            ready = dict(poller.poll(min(left, 1.0) * 1000))
            for socket in ready:
                channel = sockets[socket]
                if channel == "iopub":
                    self._drain_iopub()
                    continue
                msg = getattr(client, f"{channel}_channel").get_msg(timeout=0)
                if msg.get("parent_header", {}).get("msg_id") != self.msg_id:
                    continue
                if channel == "stdin" and msg.get("msg_type") == "input_request":
                    return self._parse(msg.get("content", {}).get("prompt"))
                if channel == "shell" and msg.get("msg_type") == "execute_reply":
                    self.finished = True
                    if not self.idle:  # outputs may still be on their way
                        self._drain_iopub(wait=0.5)
                    status = msg.get("content", {}).get("status")
                    raise KernelLost("the notebook's kernel ended the grader's checks early"
                                     if status == "ok" else "the notebook's code stopped "
                                     "the grader's checks (an error escaped them)")

    def _parse(self, prompt):
        try:
            message = wire.parse(prompt)
        except wire.WireError as err:
            raise KernelLost(str(err)) from None
        if not isinstance(message, dict) or not isinstance(message.get("op"), str):
            raise KernelLost("the notebook's kernel sent a message the grader cannot read")
        return message

    def _drain_iopub(self, wait=0.0):
        """Keep what the student's code printed or displayed during this check."""
        end = time.monotonic() + wait
        channel = self.client.iopub_channel
        while True:
            if time.monotonic() > self.deadline:  # a kernel that floods iopub
                raise KernelLost("the hidden checks ran past the time limit", fatal=True)
            timeout = max(0.0, end - time.monotonic())
            try:
                msg = channel.get_msg(timeout=timeout)
            except Exception:  # noqa: BLE001 - queue.Empty: nothing more for now
                return
            if msg.get("parent_header", {}).get("msg_id") != self.msg_id:
                continue
            kind, content = msg.get("msg_type"), msg.get("content", {})
            if kind == "status" and content.get("execution_state") == "idle":
                self.idle = True
                return
            if kind in ("stream", "display_data", "execute_result"):
                self._keep_output(kind, content)

    def _keep_output(self, kind, content):
        from nbformat import NotebookNode

        size = len(json.dumps(content, default=str))
        self.output_bytes += size
        if self.output_bytes > MAX_CHECK_OUTPUT_BYTES:
            return
        if kind == "stream":
            text = content.get("text", "")
            if isinstance(text, str):
                self.outputs.append(NotebookNode(output_type="stream", name="stdout",
                                                 text=text))
        else:
            data = content.get("data", {})
            if isinstance(data, dict):
                self.outputs.append(NotebookNode(output_type="display_data", data=data,
                                                 metadata={}))

    # --- what checks use ----------------------------------------------------------
    def value_of(self, name, missing=KernelLost):
        """The student's ``name``: a RemoteFunction, plain data, or ``missing``."""
        reply = self._request({"op": "lookup", "name": name})
        kind = reply.get("kind")
        if reply.get("op") != "value" or kind not in ("callable", "value", "missing"):
            raise KernelLost("the notebook's kernel answered a lookup with nonsense")
        if kind == "missing":
            if missing is KernelLost:
                from .compare import fail
                fail(_("{name} is not defined in the notebook: run the cell that defines "
                       "it (and do not rename it)").format(name=name))
            return missing
        if kind == "callable":
            return RemoteFunction(self, name)
        try:
            return wire.decode(reply.get("value"), resolve=self._resolver(None))
        except wire.WireError as err:
            raise KernelLost(str(err)) from None

    def call(self, name, args, kwargs, stand_ins, handle=None):
        callbacks = wire.Callbacks()
        message = {"op": "call", "name": name,
                   "stand_ins": {n: callbacks.add(f) for n, f in stand_ins.items()},
                   "args": [wire.encode(a, callbacks) for a in args],
                   "kwargs": {"__dict__": [[k, wire.encode(v, callbacks)]
                                           for k, v in kwargs.items()]}}
        if handle is not None:
            message["handle"] = handle
        reply = self._request(message, callbacks)
        op = reply.get("op")
        if op == "raised":
            raise student_raised(str(reply.get("type", "Exception"))[:80],
                                 str(reply.get("message", ""))[:2000])
        if op != "returned":
            raise KernelLost("the notebook's kernel answered a call with nonsense")
        resolve = self._resolver(callbacks)
        try:
            value = wire.decode(reply.get("value"), resolve=resolve)
            after = reply.get("args")
            if isinstance(after, list) and len(after) == len(args):
                for original, raw in zip(args, after):
                    wire.write_back(original, wire.decode_after(raw, resolve))
            after_kw = reply.get("kwargs")
            if isinstance(after_kw, dict):
                for key, raw in after_kw.items():
                    if key in kwargs:
                        wire.write_back(kwargs[key], wire.decode_after(raw, resolve))
        except wire.WireError as err:
            from .compare import fail
            fail(_("{name} returned something the grader cannot read as data "
                   "({error})").format(name=name, error=err))
        return value

    def seed_legacy_rng(self, seed):
        """Seed NumPy's legacy global generator in the kernel (to see if it is used)."""
        self._request({"op": "seed_legacy", "seed": int(seed)})
