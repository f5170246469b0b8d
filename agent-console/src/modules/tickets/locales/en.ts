import type { TicketMessages } from './zh-CN';

const ticket: TicketMessages = {
  placeholder: '',
};

export default ticket;
