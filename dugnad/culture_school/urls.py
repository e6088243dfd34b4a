app_name = "culture_school"
urlpatterns: list = []
