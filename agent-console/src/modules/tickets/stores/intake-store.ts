import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { UploadUserFile } from 'element-plus';
import type { ValidationProblem } from '@hotline/shared/contracts/problems';
import type { SuggestionsShown } from '@hotline/shared/contracts/intelligence';
import { IntakeBody, type IntakeResponse, type TicketSummary } from '@hotline/shared/contracts/tickets';
import { problemsOf, validateAgainst } from '../../../app/form-problems';
import { HttpError } from '../../../app/http';
import { createTicket, runTicketAction, uploadAttachment, type DispatchSuggestionView } from '../api';
import { readFileAsBase64 } from '../letter-attachments';
import { createIdempotentSubmission } from '../idempotency';
import { buildIntakeBody, dispatchAfterIntake, emptyIntakeForm, type IntakeFormModel } from '../intake-form';

export interface IntakeOutcome {
  ticket: IntakeResponse;
  /** Name of the unit dispatched to right after intake, or null when the ticket waits for dispatch. */
  dispatchedTo: string | null;
  /** The ticket was created but the dispatch right after it failed (the agent dispatches from the detail page). */
  dispatchFailed: boolean;
  /** Scans of a letter that did not upload (the ticket exists; the agent uploads them again from its detail page). */
  attachmentFailures: AttachmentFailure[];
}

export interface AttachmentFailure {
  fileName: string;
  /** The server's Chinese reason, or null when the request itself failed. */
  message: string | null;
}

export interface UploadProgress {
  done: number;
  total: number;
}

/**
 * The agent's intake form (受理) on the desk. The store keeps the draft across page changes during a call, and one
 * Idempotency-Key per submission so a double click or a retry after a network error never makes two tickets.
 */
export const useIntakeStore = defineStore('ticket-intake', () => {
  const form = ref<IntakeFormModel>(emptyIntakeForm());
  const submitting = ref(false);
  const duplicates = ref<TicketSummary[]>([]);
  const suggestions = ref<DispatchSuggestionView[]>([]);
  /** 智能派单 suggestions on screen (issue 15): sent with the dispatch after intake, recorded against the unit chosen. */
  const shownSuggestions = ref<SuggestionsShown | null>(null);
  const lastOutcome = ref<IntakeOutcome | null>(null);
  /** 信件扫描件 chosen in the form; uploaded once the ticket exists (the attachments route needs its id). */
  const letterFiles = ref<UploadUserFile[]>([]);
  const uploadProgress = ref<UploadProgress | null>(null);
  /** What the contract refuses in the request (checked here first, or reported by the server): shown on the fields. */
  const problems = ref<ValidationProblem[]>([]);
  const submission = createIdempotentSubmission();

  function reset(): void {
    form.value = emptyIntakeForm();
    letterFiles.value = [];
    duplicates.value = [];
    suggestions.value = [];
    shownSuggestions.value = null;
    problems.value = [];
    submission.finish();
  }

  /**
   * Creates the ticket and, for the dispatch decision with a unit chosen, dispatches it. Returns null when a submission
   * is already running (the second click of a double click). Throws when intake itself fails (the form is kept, and
   * the retry reuses the same key). A request the contract refuses is not sent: `problems` says why, field by field,
   * and null is returned.
   */
  async function submit(howPrefix: string, departmentName: (id: string) => string): Promise<IntakeOutcome | null> {
    if (submitting.value) return null;
    const body = buildIntakeBody(form.value, howPrefix);
    problems.value = validateAgainst(IntakeBody, body);
    if (problems.value.length > 0) return null;
    submitting.value = true;
    try {
      let ticket: IntakeResponse;
      try {
        ticket = await createTicket(body, submission.key());
      } catch (error) {
        problems.value = problemsOf(error);
        throw error;
      }
      // From here on the ticket exists: nothing below may throw, or a retry would look like a failed intake.
      const attachmentFailures = form.value.channel === 'letter' ? await uploadLetterFiles(ticket.id) : [];
      const dispatch = dispatchAfterIntake(form.value, shownSuggestions.value);
      let outcome: IntakeOutcome = { ticket, dispatchedTo: null, dispatchFailed: false, attachmentFailures };
      if (dispatch) {
        try {
          const dispatched = await runTicketAction(ticket.id, 'dispatch', dispatch);
          outcome = {
            ticket: { ...ticket, status: dispatched.status },
            dispatchedTo: departmentName(dispatch.leadDepartmentId),
            dispatchFailed: false,
            attachmentFailures,
          };
        } catch {
          outcome = { ticket, dispatchedTo: null, dispatchFailed: true, attachmentFailures };
        }
      }
      lastOutcome.value = outcome;
      reset();
      return outcome;
    } finally {
      submitting.value = false;
      uploadProgress.value = null;
    }
  }

  /** One file after the other (each up to 5 MB of JSON); a failed file does not stop the others. */
  async function uploadLetterFiles(ticketId: string): Promise<AttachmentFailure[]> {
    const files = letterFiles.value.filter((file) => file.raw);
    const failures: AttachmentFailure[] = [];
    uploadProgress.value = { done: 0, total: files.length };
    for (const file of files) {
      try {
        await uploadAttachment(ticketId, file.name, await readFileAsBase64(file.raw!));
      } catch (error) {
        failures.push({ fileName: file.name, message: error instanceof HttpError ? error.message : null });
      }
      uploadProgress.value = { done: uploadProgress.value.done + 1, total: files.length };
    }
    return failures;
  }

  /** The last ticket moved on after intake (e.g. an on-the-spot answer closed from the desk). */
  function updateLastTicketStatus(ticketId: string, status: IntakeResponse['status']): void {
    const outcome = lastOutcome.value;
    if (outcome?.ticket.id === ticketId) lastOutcome.value = { ...outcome, ticket: { ...outcome.ticket, status } };
  }

  return {
    form,
    submitting,
    duplicates,
    suggestions,
    shownSuggestions,
    lastOutcome,
    letterFiles,
    uploadProgress,
    problems,
    reset,
    submit,
    updateLastTicketStatus,
  };
});
