from django.utils.translation import gettext_lazy as _

from dugnad.core.plugins import DugnadAppConfig


class AccountsConfig(DugnadAppConfig):
    name = "dugnad.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    demo_loader = "dugnad.accounts.demo.load"
    demo_order = 10
    api_routers = (("/auth", "dugnad.accounts.api.router"),)
    role_source = "dugnad.accounts.access.grants"
    personal_data = "dugnad.accounts.privacy"
