from django.contrib import admin

from search.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ["term", "variant_list", "updated"]
    search_fields = ["term", "variants"]
    fields = ["term", "variants"]

    @admin.display(description="gleichbedeutend")
    def variant_list(self, obj):
        return " · ".join(obj.spellings[1:])
