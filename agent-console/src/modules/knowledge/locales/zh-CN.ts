/** zh-CN strings of the knowledge module, mounted under `kb.` in the app's messages. */
const kb = {
  placeholder: '',
};

export type KbMessages = typeof kb;
export default kb;
