"""Who may ask for the erasure of their account (read by the action's check and the view)."""


def may_request_erasure(user) -> bool:
    return user.is_authenticated and user.is_officeholder
