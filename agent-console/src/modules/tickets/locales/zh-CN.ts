/** zh-CN strings of the tickets module, mounted under `ticket.` in the app's messages. */
const ticket = {
  placeholder: '',
};

export type TicketMessages = typeof ticket;
export default ticket;
