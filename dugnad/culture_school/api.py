from ninja import Router

router = Router(tags=["culture_school"])
