"""The states of a request to take part in the learning network and who may move it: the
requester withdraws while it waits; BZK (the host) approves or refuses."""

from weerbaar.workflow import TransitionNotAllowed as TransitionNotAllowed
from weerbaar.workflow import Transitions

from .models import RequestStatus

REQUESTER = "requester"
HOST = "host"  # BZK staff

REQUEST_TRANSITIONS = Transitions(
    {
        (RequestStatus.PENDING, RequestStatus.APPROVED): frozenset({HOST}),
        (RequestStatus.PENDING, RequestStatus.REFUSED): frozenset({HOST}),
        (RequestStatus.PENDING, RequestStatus.WITHDRAWN): frozenset({REQUESTER}),
    },
    states=RequestStatus,
)
