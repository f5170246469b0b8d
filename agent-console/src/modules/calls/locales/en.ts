import type { CallsMessages } from './zh-CN';

const calls: CallsMessages = {
  placeholder: '',
};

export default calls;
