"""Each rule and role filler declares what it reads and writes; the order they run in must
let every step read only what is complete by then."""

from minegraph.loaders.relations import PIPELINE


def _matches(read: str, written: str) -> bool:
    # "PARTY_TO" reads every kind of PARTY_TO; "BASED_IN:stated" reads only that one
    return written == read or (":" not in read and written.split(":", 1)[0] == read)


def test_every_step_declares_what_it_reads_and_writes():
    for fn in PIPELINE:
        assert hasattr(fn, "reads") and hasattr(fn, "writes"), fn.__name__
        assert fn.writes, f"{fn.__name__} writes nothing"


def test_each_step_runs_after_every_writer_of_what_it_reads():
    for i, fn in enumerate(PIPELINE):
        for read in fn.reads:
            before = [g for g in PIPELINE[:i] if any(_matches(read, w) for w in g.writes)]
            after = [g for g in PIPELINE[i + 1 :] if any(_matches(read, w) for w in g.writes)]
            assert before, f"{fn.__name__} reads {read}, which no earlier step writes"
            assert not after, f"{fn.__name__} reads {read} before {[g.__name__ for g in after]} write it"


def test_the_check_catches_a_step_moved_before_its_input():
    order = list(PIPELINE)
    works = next(f for f in order if f.__name__ == "works_for")
    events = next(f for f in order if f.__name__ == "events")
    order.remove(works)
    order.insert(order.index(events) + 1, works)  # the meeting's attendees now read WORKS_FOR before it is written
    bad = [
        (fn.__name__, r)
        for i, fn in enumerate(order)
        for r in fn.reads
        if any(_matches(r, w) for g in order[i + 1 :] for w in g.writes)
    ]
    assert ("attendees", "WORKS_FOR") in bad


def test_the_monoliths_are_role_fillers_each_declared_and_small():
    import inspect

    from minegraph.loaders.relations import FILLERS

    for rule, fillers in FILLERS.items():
        assert len(fillers) >= 4
        for fn in (rule, *fillers):
            assert fn in PIPELINE and len(inspect.getsource(fn).splitlines()) <= 70, fn.__name__
