from ninja import Router

router = Router(tags=["premises"])
bookings_router = Router(tags=["bookings"])
