import type { MessageSchema } from './zh-CN';
import ticket from '../../modules/tickets/locales/en';
import kb from '../../modules/knowledge/locales/en';
import calls from '../../modules/calls/locales/en';
import adminUi from '../../modules/admin/locales/en';
import supervision from '../../modules/supervision/locales/en';
import intel from '../../modules/intelligence/locales/en';

/**
 * English skeleton: same keys as zh-CN (the type enforces it), so an English UI can follow.
 */
const en: MessageSchema = {
  app: {
    name: '12345 Government Service Hotline',
    shortName: '12345 Hotline',
  },
  roles: {
    agent: 'Agent',
    lead: 'Team lead / Supervisor',
    handler: 'Department handler',
    dept_head: 'Department head',
    kb_editor: 'KB editor',
    admin: 'Administrator',
  },
  nav: {
    desk: 'Agent desk',
    tickets: 'Tickets',
    knowledge: 'Knowledge base',
    department: 'Department inbox',
    wallboard: 'Wallboard',
    admin: 'Administration',
  },
  header: {
    logout: 'Sign out',
    noDepartment: 'Hotline centre',
  },
  connection: {
    connected: 'Connected',
    connecting: 'Connecting…',
    disconnected: 'Disconnected',
  },
  auth: {
    title: '12345 Government Service Hotline',
    subtitle: 'Sign in with your work account',
    username: 'Username',
    usernamePlaceholder: 'Enter your username',
    password: 'Password',
    passwordPlaceholder: 'Enter your password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    usernameRequired: 'Please enter your username',
    passwordRequired: 'Please enter your password',
    signedOut: 'Signed out',
    sessionExpired: 'Your session has expired, please sign in again',
  },
  errors: {
    network: 'Network connection failed, please check your network and retry',
    forbiddenPage: 'You may not open that page',
    unexpected: 'Request failed ({status}), please retry later',
  },
  desk: {
    title: 'Agent desk',
    description:
      'Answer calls, web enquiries and letters: screen pop, softphone, answers from the knowledge base, new tickets and dispatch.',
    shortcuts: {
      hint: 'Keyboard shortcuts (press ?)',
      title: 'Keyboard shortcuts',
      actions: {
        answer: 'Answer the call',
        hangup: 'Hang up',
        ready: 'Go ready',
        break: 'Take a break',
        search: 'Search the knowledge base',
        submit: 'Submit the ticket',
        help: 'Show or hide this help',
      },
    },
  },
  tickets: {
    title: 'Tickets',
    description:
      'Find and follow tickets by type, urgency, state and department; see dispatch rounds, deadlines and callbacks.',
    enquiryTitle: 'Online enquiry',
    enquiryDescription:
      'Citizens and companies submit consultations, requests for help, complaints, reports, suggestions or praise here, without signing in.',
  },
  knowledge: {
    title: 'Knowledge base',
    description:
      'Search matters and situations (conditions, materials, fees, time limits, place, legal basis) and render one-time notices.',
    noticeTitle: 'One-time notice',
    noticeDescription: 'Everything a matter needs, told at once, so it takes at most one visit.',
  },
  department: {
    title: 'Department inbox',
    description:
      'Tickets dispatched to your unit: sign for, handle and reply; return or ask for an extension when needed. Mind the deadlines.',
    tabs: {
      awaitingSign: 'Awaiting sign-for',
      inProgress: 'In progress',
      dueSoon: 'Due soon',
      overdue: 'Overdue',
      returned: 'Returned',
      headSignOff: 'To sign off',
      replied: 'Replied',
      awaitingCallback: 'Awaiting callback',
      closed: 'Closed',
    },
    tabWithCount: '{label} ({count})',
    searchPlaceholder: 'Find by ticket number, title or address',
  },
  wallboardUnits: {
    title: 'Ticket deadlines by unit',
    unit: 'Lead unit',
    overdue: 'Overdue',
    dueSoon: 'Due soon',
    noUnit: 'Not dispatched yet',
    empty: 'No overdue or due-soon tickets',
    more: 'More than 200 overdue or due-soon tickets; only the first 200 are counted',
  },
  wallboard: {
    title: 'Wallboard',
    description:
      'Live queues, agent states, connect rate, 15-second answer rate and overdue tickets, for dispatch and supervision.',
  },
  ticket,
  kb,
  calls,
  adminUi,
  supervision,
  intel,
};

export default en;
