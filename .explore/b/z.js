export * from "zod/mini"
