import type { KbMessages } from './zh-CN';

const kb: KbMessages = {
  placeholder: '',
};

export default kb;
