"""The patient's questions for their next visit: list and add, edit, tick off, delete.

Only the patient reads or changes their questions here (`tracker.access.questions_for`); the open
ones print on the visit summary, which the people they shared their record with may read.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tracker import questions as question_services
from tracker.access import get_question_for_user, questions_for
from tracker.forms import QuestionForm


@require_http_methods(["GET", "POST"])
def questions(request):
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question_services.add_question(patient=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your question is saved. It will print on your summary."))
        return redirect("tracker:questions")
    items = questions_for(request.user).order_by("done_at", "created_at", "pk")
    return render(request, "tracker/questions.html", {"form": form, "items": items})


@require_http_methods(["GET", "POST"])
def question_edit(request, code):
    question = get_question_for_user(request, code, write=True)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your changes are saved."))
        return redirect("tracker:questions")
    return render(request, "tracker/question_form.html", {"form": form, "question": question})


@require_POST
def question_done(request, code):
    question = get_question_for_user(request, code, write=True)
    done = request.POST.get("done") == "1"
    question_services.set_done(question=question, done=done)
    if done:
        messages.success(request, _("Ticked off. It will not print any more."))
    else:
        messages.success(request, _("Back on your list. It will print on your summary."))
    return redirect("tracker:questions")


@require_http_methods(["GET", "POST"])
def question_delete(request, code):
    question = get_question_for_user(request, code, write=True)
    if request.method == "POST":
        question.delete()
        messages.success(request, _("The question is deleted."))
        return redirect("tracker:questions")
    return render(request, "tracker/question_confirm_delete.html", {"question": question})
