import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** One shared 1-second ticker for every countdown on the page, running only while something shows a countdown. */
const now = ref(Date.now());
let subscribers = 0;
let timer: ReturnType<typeof setInterval> | null = null;

export function useNow(): Readonly<Ref<number>> {
  onMounted(() => {
    subscribers += 1;
    now.value = Date.now();
    timer ??= setInterval(() => {
      now.value = Date.now();
    }, 1000);
  });
  onBeforeUnmount(() => {
    subscribers -= 1;
    if (subscribers === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  });
  return now;
}
