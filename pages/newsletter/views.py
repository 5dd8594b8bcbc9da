"""RFC 8058 one-click unsubscribe: the address in the List-Unsubscribe header of newsletter mails.

Mail clients POST `List-Unsubscribe=One-Click` to it with no cookie and no CSRF token, so this
view alone is exempt from CSRF; the signed token in its query string is what authorises it.
"""

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Subscriber
from .subscriptions import one_click_unsubscribe

ONE_CLICK_BODY = "One-Click"


@csrf_exempt
@require_POST
def one_click(request):
    if request.POST.get("List-Unsubscribe") != ONE_CLICK_BODY:
        return HttpResponseBadRequest("Expected List-Unsubscribe=One-Click.", content_type="text/plain")
    if not one_click_unsubscribe(Subscriber.objects, request.GET.get("token")):
        return HttpResponseBadRequest("This unsubscribe link does not work.", content_type="text/plain")
    response = HttpResponse("Unsubscribed.", content_type="text/plain")
    response["Cache-Control"] = "private, no-store"
    return response
