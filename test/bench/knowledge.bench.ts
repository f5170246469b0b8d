/**
 * `npm run bench knowledge`: knowledge-base search (jieba + tsvector + synonyms) over 20,000 generated matters.
 * Prints p50/p95 of GET /api/knowledge/search's work (searchKnowledge) over a fixed query set. Target p95 < 30 ms.
 *
 * Its own database (hotline_bench_kb, dropped after). The generated matters are combinations of real-sounding
 * objects, actions and areas (「西湖区食品经营许可延续」) with conditions and materials drawn from fixed lists by a seeded
 * generator, so every run indexes the same text. Only the search index rows and the matter/version rows are
 * generated: search reads nothing else.
 */
import type { MatterContent } from '@hotline/shared/contracts/knowledge';
import { connectDatabase } from '../../server/src/platform/db/client.js';
import { dropDatabase, recreateDatabase } from '../../server/src/platform/db/ensure-database.js';
import { runMigrations } from '../../server/src/platform/db/migrate.js';
import { seedDemoData } from '../../server/src/seed/seed.js';
import { departments } from '../../server/src/modules/departments/departments.table.js';
import { kbMatters, kbMatterVersions, kbSearchDocuments } from '../../server/src/modules/knowledge/knowledge.table.js';
import { matterDocument } from '../../server/src/modules/knowledge/search.repository.js';
import { searchKnowledge } from '../../server/src/modules/knowledge/search.service.js';
import { warmSegmenter } from '../../server/src/modules/knowledge/segmentation.js';
import { percentile } from './stats.js';

const MATTERS = 20_000;
const BATCH = 500;
const ROUNDS = 15;
/** Stop generating after this long whatever the count, so a slow machine still finishes. */
const GENERATION_BUDGET_MS = 10 * 60_000;
const BENCH_DATABASE_URL = process.env.BENCH_KB_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_bench_kb';

const QUERIES = [
  '开饭店',
  '二手房过户',
  '办社保卡',
  '社保',
  '噪音',
  '营业执照变更',
  '公积金提取',
  '护照补办',
  '我想开饭店需要办什么',
  '户外广告',
  '居住证',
  '医保报销',
  '排污许可',
  '出生登记',
  '食品经营许可延续',
  '养老金',
  '残疾人证',
  '道路运输',
  '西湖区建设工程规划许可',
  '药品',
];

const OBJECTS = [
  '营业执照',
  '食品经营许可',
  '建设工程规划许可',
  '排污许可',
  '道路运输经营许可',
  '医疗机构执业登记',
  '药品经营许可',
  '特种设备使用登记',
  '户外广告设置',
  '城市道路占用挖掘',
  '护照',
  '居住证',
  '社会保障卡',
  '住房公积金提取',
  '医保费用报销',
  '出生登记',
  '婚姻登记',
  '养老金领取资格认证',
  '残疾人证',
  '最低生活保障',
  '建筑施工夜间作业',
  '消防设计审查',
  '人力资源服务许可',
  '出版物经营许可',
  '烟草专卖零售许可',
  '危险化学品经营许可',
  '机动车检验',
  '船舶登记',
  '林木采伐许可',
  '取水许可',
  '宗教活动场所登记',
  '社会团体登记',
  '民办学校办学许可',
  '导游证',
  '旅行社设立许可',
  '电影放映经营许可',
  '网吧经营许可',
  '二手车交易登记',
  '不动产抵押登记',
  '契税申报',
];
const ACTIONS = ['新办', '变更', '注销', '延续', '补办', '备案', '换证', '迁移', '核准', '年度报告'];
const AREAS = [
  '上城区',
  '西湖区',
  '滨江区',
  '临安县',
  '湖滨街道',
  '清波街道',
  '北山街道',
  '西溪街道',
  '西兴街道',
  '锦南街道',
];
const CONDITIONS = [
  '申请人具有完全民事行为能力',
  '有固定的经营场所并能提供合法使用证明',
  '近三年内无重大违法记录',
  '已取得营业执照且在有效期内',
  '有与业务规模相适应的专业技术人员',
  '符合国家和本省规定的安全生产条件',
  '在本市连续缴纳社会保险满六个月',
  '有健全的管理制度和应急预案',
];
const MATERIALS = [
  '申请表',
  '居民身份证',
  '营业执照',
  '场所使用证明',
  '法定代表人身份证明',
  '授权委托书',
  '专业技术人员资格证书',
  '安全管理制度',
  '户口簿',
  '结婚证',
  '不动产权证书',
  '近期证件照',
];

/** Deterministic pseudo-random numbers (mulberry32), so every run generates the same catalogue. */
function generator(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, list: readonly T[], count: number): T[] {
  const copy = [...list];
  const chosen: T[] = [];
  while (chosen.length < count && copy.length) chosen.push(copy.splice(Math.floor(random() * copy.length), 1)[0]!);
  return chosen;
}

function generatedContent(index: number, random: () => number): { code: string; content: MatterContent } {
  const object = OBJECTS[index % OBJECTS.length]!;
  const action = ACTIONS[Math.floor(index / OBJECTS.length) % ACTIONS.length]!;
  const area = AREAS[Math.floor(index / (OBJECTS.length * ACTIONS.length)) % AREAS.length]!;
  const round = Math.floor(index / (OBJECTS.length * ACTIONS.length * AREAS.length));
  const code = `BENCH-${String(index).padStart(6, '0')}`;
  return {
    code,
    content: {
      name: `${area}${object}${action}${round ? `（${round + 1}）` : ''}`,
      category: '生成数据',
      visitClass: random() < 0.6 ? 'zero_visit' : 'one_visit',
      legalBasis: ['《中华人民共和国行政许可法》'],
      fees: '不收费',
      legalTimeLimitDays: 20,
      promisedTimeLimitDays: 5,
      place: `${area}便民服务中心`,
      hours: '工作日 9:00-17:00',
      phone: '0571-85100000',
      onlineUrl: null,
      keywords: [`办${object}`, `${object}${action}`],
      situations: [
        {
          code: `${code}-01`,
          name: action,
          conditions: pick(random, CONDITIONS, 3),
          notes: null,
          materials: pick(random, MATERIALS, 4).map((name) => ({
            name,
            form: 'original' as const,
            copies: 1,
            required: true,
            deferrable: false,
            source: '申请人自备',
            sharedElectronically: false,
          })),
        },
      ],
    },
  };
}

export async function run(): Promise<void> {
  await recreateDatabase(BENCH_DATABASE_URL);
  const database = connectDatabase(BENCH_DATABASE_URL, { max: 4 });
  try {
    const { db, sql } = database;
    await runMigrations(db);
    await seedDemoData(db);
    warmSegmenter();
    const [department] = await db.select({ id: departments.id, name: departments.name }).from(departments).limit(1);
    const random = generator(12345);

    let started = Date.now();
    let generated = 0;
    while (generated < MATTERS && Date.now() - started < GENERATION_BUDGET_MS) {
      const batch = Array.from({ length: Math.min(BATCH, MATTERS - generated) }, (_, i) =>
        generatedContent(generated + i, random),
      );
      await db.transaction(async (tx) => {
        const matters = await tx
          .insert(kbMatters)
          .values(batch.map((b) => ({ code: b.code, departmentId: department!.id, reviewDueOn: '2027-12-31' })))
          .returning({ id: kbMatters.id, code: kbMatters.code });
        const idByCode = new Map(matters.map((m) => [m.code, m.id]));
        await tx.insert(kbMatterVersions).values(
          batch.map(({ code, content }) => {
            const { situations: _situations, ...columns } = content;
            return { matterId: idByCode.get(code)!, versionNo: 1, status: 'published' as const, ...columns };
          }),
        );
        await tx
          .insert(kbSearchDocuments)
          .values(
            batch.map(({ code, content }) =>
              matterDocument({ matterId: idByCode.get(code)!, code, departmentName: department!.name, content }),
            ),
          );
      });
      generated += batch.length;
    }
    await sql`
      update kb_matters m set published_version_id = v.id
      from kb_matter_versions v
      where v.matter_id = m.id and m.published_version_id is null and v.status = 'published'`;
    // What autovacuum does in steady state after a bulk load: statistics, and the visibility map for the heap.
    await sql`vacuum analyze kb_search_documents`;
    // count(*) always returns exactly one row.
    const [counted] = await sql<{ count: string }[]>`select count(*)::text as count from kb_search_documents`;
    console.log(
      `indexed ${counted!.count} documents (${generated} generated + demo) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    // Warm-up: first query of each shape plans and caches; not measured.
    for (const q of QUERIES) await searchKnowledge(db, q, 10);

    const samples: number[] = [];
    const hits = new Map<string, number>();
    const slowest = new Map<string, number>();
    started = Date.now();
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of QUERIES) {
        const t0 = performance.now();
        const result = await searchKnowledge(db, q, 10);
        const ms = performance.now() - t0;
        samples.push(ms);
        slowest.set(q, Math.max(slowest.get(q) ?? 0, ms));
        hits.set(q, result.items.length + result.bundles.length);
      }
    }
    samples.sort((a, b) => a - b);
    console.log(
      `queries: ${samples.length} (${QUERIES.length} distinct × ${ROUNDS}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(
      `search latency: p50 ${percentile(samples, 50).toFixed(1)} ms · p95 ${percentile(samples, 95).toFixed(1)} ms · max ${samples[samples.length - 1]!.toFixed(1)} ms (target p95 < 30 ms)`,
    );
    console.log(`hits per query: ${[...hits].map(([q, n]) => `${q}=${n}`).join(' ')}`);
    console.log(`slowest per query (ms): ${[...slowest].map(([q, ms]) => `${q}=${ms.toFixed(1)}`).join(' ')}`);
  } finally {
    await database.close();
    if (!process.env.BENCH_KB_KEEP) await dropDatabase(BENCH_DATABASE_URL);
  }
}
