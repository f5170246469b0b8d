// DEMO DATA — fictional tickets of the demo city (示范市), created through the real services so every row, clock and
// audit entry is what production would write.
import { inArray } from 'drizzle-orm';
import type { IntakeBody } from '@hotline/shared/contracts/tickets';
import { fakeClock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { users } from '../auth/users.table.js';
import { departments } from '../departments/departments.table.js';
import { createCalendarStore } from '../calendar/calendar.store.js';
import { createClockPolicyStore } from '../clocks/clock-policy.store.js';
import { createClockService } from '../clocks/clocks.service.js';
import { createDispatchCatalogue } from '../dispatch/dispatch-catalogue.service.js';
import { dispatchCatalogue } from '../dispatch/dispatch.table.js';
import type { TicketActor } from './ticket-actor.js';
import { createTicketDomain, type TicketDomain } from './tickets.module.js';

type Step = (
  d: TicketDomain,
  id: string,
  who: Record<string, TicketActor>,
  depts: Record<string, string>,
) => Promise<unknown>;

interface DemoTicket {
  key: string;
  /** Hours before now when the story starts (the overdue one starts long ago). */
  hoursAgo: number;
  body: IntakeBody;
  steps: Step[];
}

const caller = (name: string, phone: string) => ({ name, phone });
const base = { channel: 'phone' as const, urgency: 'normal' as const };

const dispatchTo =
  (code: string, co: string[] = []): Step =>
  (d, id, who, depts) =>
    d.dispatch.dispatch(who.agent01!, id, {
      leadDepartmentId: depts[code]!,
      coDepartmentIds: co.map((c) => depts[c]!),
    });
const sign =
  (user: string): Step =>
  (d, id, who) =>
    d.dispatch.sign(who[user]!, id);
const reply =
  (user: string, content: string): Step =>
  (d, id, who) =>
    d.handling.reply(who[user]!, id, { content });
const approveReply: Step = (d, id, who) => d.handling.reviewReply(who.lead01!, id, { approve: true });

const DEMO_TICKETS: DemoTicket[] = [
  {
    key: 'demo-ticket-01',
    hoursAgo: 2,
    body: {
      ...base,
      type: 'complaint',
      caller: caller('刘先生', '13800138001'),
      address: '示范市西湖区文三路188号',
      content: '楼下餐馆油烟直排，晚上熏得无法开窗',
    },
    steps: [],
  },
  {
    key: 'demo-ticket-02',
    hoursAgo: 3,
    body: {
      ...base,
      type: 'help',
      categories: ['utilities'],
      caller: caller('陈阿姨', '13900139002'),
      address: '示范市上城区湖滨路12号',
      content: '家里停水一天了，没有收到停水通知',
    },
    steps: [dispatchTo('SWJT')],
  },
  {
    key: 'demo-ticket-03',
    hoursAgo: 5,
    body: {
      ...base,
      type: 'complaint',
      caller: caller('王女士', '13700137003'),
      address: '示范市西湖区古墩路66号',
      content: '超市出售过期牛奶，购物小票已保留',
    },
    steps: [dispatchTo('SCJG'), sign('handler_scjg')],
  },
  {
    key: 'demo-ticket-04',
    hoursAgo: 6,
    body: {
      ...base,
      type: 'report',
      caller: caller('匿名群众', '13600136004'),
      address: '示范市滨江区江南大道300号',
      content: '某工地夜间22点后仍在打桩施工，举报违规夜间施工',
    },
    steps: [dispatchTo('ZJ'), sign('handler_zj')],
  },
  {
    key: 'demo-ticket-05',
    hoursAgo: 30,
    body: {
      ...base,
      type: 'complaint',
      urgency: 'critical',
      categories: ['life_safety'],
      caller: caller('赵先生', '13500135005'),
      address: '示范市西湖区北山街道某小区3幢',
      content: '小区电梯困人后多次故障，物业不处理',
    },
    steps: [dispatchTo('SCJG'), sign('handler_scjg')],
  },
  {
    key: 'demo-ticket-06',
    hoursAgo: 8,
    body: {
      ...base,
      type: 'consultation',
      caller: caller('孙同学', '13400134006'),
      address: '示范市西湖区',
      content: '咨询公积金提取用于租房需要哪些材料',
    },
    steps: [
      dispatchTo('ZJ'),
      (d, id, who) =>
        d.dispatch.returnTicket(who.handler_zj!, id, {
          reason: 'overlapping_duties',
          basis: '公积金提取属市住房公积金管理中心职责',
        }),
    ],
  },
  {
    key: 'demo-ticket-07',
    hoursAgo: 26,
    body: {
      ...base,
      type: 'complaint',
      caller: caller('周先生', '13300133007'),
      address: '示范市上城区清波街道',
      content: '网购商品质量问题商家拒绝退货',
    },
    steps: [dispatchTo('SCJG'), sign('handler_scjg'), reply('handler_scjg', '已约谈商家，商家同意退货退款')],
  },
  {
    key: 'demo-ticket-08',
    hoursAgo: 28,
    body: {
      ...base,
      type: 'help',
      caller: caller('吴奶奶', '13200132008'),
      address: '示范市西湖区西溪街道',
      content: '小区路灯损坏，晚上出行不便',
    },
    steps: [dispatchTo('QY-XH'), sign('handler_xh'), reply('handler_xh', '路灯已修复'), approveReply],
  },
  {
    key: 'demo-ticket-09',
    hoursAgo: 50,
    body: {
      ...base,
      type: 'complaint',
      caller: caller('郑先生', '13100131009'),
      address: '示范市滨江区西兴街道',
      content: '自来水有异味',
    },
    steps: [
      dispatchTo('SWJT'),
      sign('handler_swjt'),
      reply('handler_swjt', '已冲洗管网，水质检测合格'),
      approveReply,
      (d, id, who) =>
        d.closure.recordCallback(who.agent01!, id, { reached: true, satisfaction: 'satisfied', solved: true }),
    ],
  },
  {
    key: 'demo-ticket-10',
    hoursAgo: 1,
    body: {
      ...base,
      type: 'consultation',
      caller: caller('冯女士', '13000130010'),
      address: '示范市上城区',
      content: '开饭店需要办哪些证',
      decision: 'answered',
      answer: '已告知办理营业执照、食品经营许可的途径，知识库暂无该事项',
      noMatchingMatter: true,
    },
    steps: [],
  },
  {
    key: 'demo-ticket-11',
    hoursAgo: 4,
    body: {
      ...base,
      type: 'complaint',
      confidential: true,
      caller: caller('蒋先生', '18900189011'),
      address: '示范市西湖区文三路188号',
      content: '同一餐馆油烟扰民，要求保密',
    },
    steps: [],
  },
  {
    key: 'demo-ticket-12',
    hoursAgo: 10,
    body: {
      ...base,
      type: 'suggestion',
      categories: ['major'],
      caller: caller('韩先生', '18800188012'),
      address: '示范市西湖区',
      content: '建议在文三路增设非机动车道隔离护栏',
    },
    steps: [
      dispatchTo('SCJG', ['ZJ']),
      sign('handler_scjg'),
      reply('handler_scjg', '已会同住建部门研究，列入明年计划'),
    ],
  },
];

async function demoActors(db: Db): Promise<Record<string, TicketActor>> {
  const rows = await db
    .select({ id: users.id, username: users.username, role: users.role, departmentId: users.departmentId })
    .from(users)
    .where(inArray(users.username, ['agent01', 'lead01', 'handler_scjg', 'handler_zj', 'handler_swjt', 'handler_xh']));
  return Object.fromEntries(
    rows.map((u) => [u.username, { userId: u.id, role: u.role, departmentId: u.departmentId, ip: null }]),
  );
}

/**
 * A dozen demo tickets in every state (one confidential 举报, one overdue 特急), plus a few dispatch-catalogue rows.
 * Idempotent: each ticket carries a fixed Idempotency-Key, and an existing one is left as it is.
 */
export async function seedDemoTickets(db: Db, now: Date = new Date()): Promise<void> {
  const actors = await demoActors(db);
  if (!actors.agent01 || !actors.lead01) return;
  const depts = Object.fromEntries(
    (await db.select({ id: departments.id, code: departments.code }).from(departments)).map((d) => [d.code, d.id]),
  );
  const clock = fakeClock(now);
  // Stores of its own: the shared per-pool caches must not keep this moving demo clock (embedded mode seeds in-process).
  const clocks = createClockService({
    db,
    clock,
    calendar: createCalendarStore(clock),
    policy: createClockPolicyStore(clock),
  });
  const domain = createTicketDomain({ db, clock, realtime: null, clocks });
  for (const demo of DEMO_TICKETS) {
    clock.set(new Date(now.getTime() - demo.hoursAgo * 3600_000));
    const { ticket, replayed } = await domain.intake.createTicket(actors.agent01, demo.body, {
      idempotencyKey: demo.key,
    });
    if (replayed) continue;
    for (const step of demo.steps) {
      clock.advance(10 * 60_000);
      await step(domain, ticket.id, actors, depts);
    }
  }
  const existing = await db.select({ id: dispatchCatalogue.id }).from(dispatchCatalogue).limit(1);
  if (existing.length === 0) {
    const catalogue = createDispatchCatalogue({ db, clock: fakeClock(now) });
    const admin = { userId: null, role: 'system', ip: null };
    await catalogue.create(admin, { category: 'utilities', departmentId: depts.SWJT!, note: '水电气热：供水问题' });
    await catalogue.create(admin, {
      ticketType: 'complaint',
      areaKeyword: '西湖区',
      departmentId: depts['QY-XH']!,
      priority: 200,
      note: '西湖区属地投诉',
    });
    await catalogue.create(admin, {
      matterCode: 'FOOD-SAFETY',
      ticketType: 'report',
      departmentId: depts.SCJG!,
      note: '食品安全举报',
    });
  }
}
