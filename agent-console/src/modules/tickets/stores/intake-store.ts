import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { IntakeResponse, TicketSummary } from '@hotline/shared/contracts/tickets';
import { createTicket, runTicketAction, type DispatchSuggestionView } from '../api';
import { createIdempotentSubmission } from '../idempotency';
import { buildIntakeBody, dispatchAfterIntake, emptyIntakeForm, type IntakeFormModel } from '../intake-form';

export interface IntakeOutcome {
  ticket: IntakeResponse;
  /** Name of the unit dispatched to right after intake, or null when the ticket waits for dispatch. */
  dispatchedTo: string | null;
  /** The ticket was created but the dispatch right after it failed (the agent dispatches from the detail page). */
  dispatchFailed: boolean;
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
  const lastOutcome = ref<IntakeOutcome | null>(null);
  const submission = createIdempotentSubmission();

  function reset(): void {
    form.value = emptyIntakeForm();
    duplicates.value = [];
    suggestions.value = [];
    submission.finish();
  }

  /**
   * Creates the ticket and, for the dispatch decision with a unit chosen, dispatches it. Returns null when a submission
   * is already running (the second click of a double click). Throws when intake itself fails (the form is kept, and
   * the retry reuses the same key).
   */
  async function submit(howPrefix: string, departmentName: (id: string) => string): Promise<IntakeOutcome | null> {
    if (submitting.value) return null;
    submitting.value = true;
    try {
      const ticket = await createTicket(buildIntakeBody(form.value, howPrefix), submission.key());
      const dispatch = dispatchAfterIntake(form.value);
      let outcome: IntakeOutcome = { ticket, dispatchedTo: null, dispatchFailed: false };
      if (dispatch) {
        try {
          const dispatched = await runTicketAction(ticket.id, 'dispatch', dispatch);
          outcome = {
            ticket: { ...ticket, status: dispatched.status },
            dispatchedTo: departmentName(dispatch.leadDepartmentId),
            dispatchFailed: false,
          };
        } catch {
          outcome = { ticket, dispatchedTo: null, dispatchFailed: true };
        }
      }
      lastOutcome.value = outcome;
      reset();
      return outcome;
    } finally {
      submitting.value = false;
    }
  }

  /** The last ticket moved on after intake (e.g. an on-the-spot answer closed from the desk). */
  function updateLastTicketStatus(ticketId: string, status: IntakeResponse['status']): void {
    const outcome = lastOutcome.value;
    if (outcome?.ticket.id === ticketId) lastOutcome.value = { ...outcome, ticket: { ...outcome.ticket, status } };
  }

  return { form, submitting, duplicates, suggestions, lastOutcome, reset, submit, updateLastTicketStatus };
});
