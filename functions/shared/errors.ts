/** Base class of the faults the pipeline throws (bad data is never thrown). */
class PipelineError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A required setting is missing or malformed; raised at cold start. */
class ConfigError extends PipelineError {}

/** No Table Schema exists for a dataset id. */
class SchemaNotFoundError extends PipelineError {}

/** A storage call failed in a way a retry may fix. */
class StorageError extends PipelineError {}

/** A publishing run would read more normalized input than its budget; nothing is published. */
class PublishBudgetError extends PipelineError {
  constructor(
    message: string,
    readonly details: {
      readonly datasetId: string;
      readonly bytes: number;
      readonly budget: number;
    },
  ) {
    super(message);
  }
}

export {
  ConfigError,
  PipelineError,
  PublishBudgetError,
  SchemaNotFoundError,
  StorageError,
};
