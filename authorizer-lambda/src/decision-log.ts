import { getXRayTraceIdFromEnv, isDevMode } from '@aws-lambda-powertools/commons/utils/env';
import { LogFormatter, Logger, LogItem, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import type { LogAttributes, LogItemExtraInput, LogItemMessage, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { DECISION_MESSAGE } from './decision-record.js';
import type { DecisionRecord } from './decision-record.js';
import { DecisionLineFormat } from './decision-line.js';
import { IsoClock } from './iso-clock.js';
import type { LineWriter } from './line-writer.js';
import { fdLineWriter } from './line-writer.js';

// Paths are logged as sent, but API Gateway refuses methodArns over 1600 bytes; longer ones are cut.
const MAX_LOGGED_PATH = 1600;

/**
 * Powertools' standard keys (`level`, `message`, `timestamp` in UTC, `service`, `xray_trace_id` when tracing),
 * then the line's own. Unlike the default formatter it does not deep-merge them into a copy or look up `TZ` per
 * line. Used for every line but the decision line, which `DecisionLogger` lays out the same way itself.
 */
export class DecisionLogFormatter extends LogFormatter {
  /** Formats one line's attributes. */
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const line: LogAttributes = {
      level: attributes.logLevel,
      message: attributes.message,
      timestamp: attributes.timestamp.toISOString(),
      service: attributes.serviceName,
      xray_trace_id: attributes.xRayTraceId,
    };
    for (const key in additional) line[key] = additional[key];
    return new LogItem({ attributes: line });
  }
}

/**
 * Powertools' Logger with a fast path for the decision line, which every request writes. Its level (from
 * `POWERTOOLS_LOG_LEVEL`/`LOG_LEVEL`, Lambda's advanced logging controls, debug sampling) is Powertools' own, and
 * every other line takes Powertools' path unchanged. The decision line overrides one extension point Powertools
 * makes protected for subclasses, `processLogItem`: the line is the one Powertools would print (the same keys in
 * the same order, empty ones left out; decision-log.test.ts compares them over random records) but laid out by
 * `DecisionLineFormat` without per-key reserved-word checks, copies and a replacer, and handed to `write`
 * (`fdLineWriter`: one `writeSync` to fd 1). A logger with persistent keys, or in `POWERTOOLS_DEV` mode, takes
 * the generic path for every line.
 */
export class DecisionLogger extends Logger {
  private readonly format: DecisionLineFormat;
  private readonly fastPath: boolean;
  private readonly clock = new IsoClock();
  // Whether INFO lines print at the level set at construction (environment, Lambda's log controls). Powertools'
  // level getter reads the environment on every call; debug sampling only ever lowers the level, so while this
  // holds every decision line prints. setLogLevel clears it, and the getter decides again.
  private infoAtBaseLevel: boolean;
  // The record `decision()` is logging, so the override recognises its own call and nothing else.
  private pending: DecisionRecord | null = null;

  /** `write` takes the decision lines (by default straight to fd 1); Powertools' console takes every other line. */
  constructor(
    serviceName: string,
    private readonly write: LineWriter = fdLineWriter(),
  ) {
    super({ serviceName, logFormatter: new DecisionLogFormatter() });
    this.format = new DecisionLineFormat(serviceName);
    this.fastPath = !isDevMode();
    this.infoAtBaseLevel = this.level <= LogLevelThreshold.INFO;
  }

  /** Powertools' setLogLevel; afterwards each decision line asks Powertools for the level in effect. */
  override setLogLevel(logLevel: Parameters<Logger['setLogLevel']>[0]): void {
    super.setLogLevel(logLevel);
    this.infoAtBaseLevel = false;
  }

  /** Writes the decision line at INFO. */
  decision(record: DecisionRecord): void {
    const long = record.path !== null && record.path.length > MAX_LOGGED_PATH;
    this.pending = long ? { ...record, path: `${record.path?.slice(0, MAX_LOGGED_PATH)}…` } : record;
    try {
      this.info(DECISION_MESSAGE, this.pending);
    } finally {
      this.pending = null;
    }
  }

  // The decision line skips Powertools' buffering check (this logger never buffers) and with it a second read of
  // the X-Ray trace id from the environment, which costs as much as serialising the line.
  protected override processLogItem(logLevel: number, input: LogItemMessage, extraInput: LogItemExtraInput): void {
    const record = this.pending;
    if (!this.fastPath || record === null || logLevel !== LogLevelThreshold.INFO || input !== DECISION_MESSAGE || extraInput[0] !== record || hasKeys(this.getPersistentLogAttributes())) {
      super.processLogItem(logLevel, input, extraInput);
    } else if (this.infoAtBaseLevel || logLevel >= this.level) {
      this.write(`${this.format.line(this.clock.now(), getXRayTraceIdFromEnv(), record)}\n`);
    }
  }
}

function hasKeys(attributes: object): boolean {
  for (const _ in attributes) return true;
  return false;
}

/** The authorizer's logger: Powertools, JSON lines, level from `POWERTOOLS_LOG_LEVEL`/`LOG_LEVEL`/`AWS_LAMBDA_LOG_LEVEL`. */
export function createDecisionLogger(write?: LineWriter): DecisionLogger {
  return new DecisionLogger(process.env['POWERTOOLS_SERVICE_NAME'] ?? 'mlflow-authorizer', write);
}
