/** zh-CN strings of the calls module, mounted under `calls.` in the app's messages. */
const calls = {
  placeholder: '',
};

export type CallsMessages = typeof calls;
export default calls;
