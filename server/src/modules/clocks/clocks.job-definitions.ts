import { Type } from 'typebox';
import { CLOCK_STAGES } from '@hotline/shared/domain/ticket-types';
import { StringEnum } from '@hotline/shared/contracts/common';
import { defineJob } from '../../platform/queue/job-definitions.js';

/** The periodic scheduler pass (repeatable job): arms delayed stage jobs for the clocks due in the next window. */
export const armDueClocksJob = defineJob({
  queue: 'deadlines',
  name: 'armDueClocks',
  payload: Type.Object({}),
  priority: 1,
});

/** One stage of one clock (预警/到期/催办/通报); job id `clock-<clockId>-<stage>`. */
export const fireClockStageJob = defineJob({
  queue: 'deadlines',
  name: 'fireClockStage',
  payload: Type.Object({ clockId: Type.String({ format: 'uuid' }), stage: StringEnum(CLOCK_STAGES) }),
  priority: 2,
});

/** Daily: warn the administrators when next year's holiday arrangement is missing (from 1 December). */
export const checkCalendarCoverageJob = defineJob({
  queue: 'maintenance',
  name: 'checkCalendarCoverage',
  payload: Type.Object({}),
  priority: 5,
});

export const stageJobId = (clockId: string, stage: string) => `clock-${clockId}-${stage}`;
