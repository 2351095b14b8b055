import { apikeyCommand } from './cli/commands/apikey.ts';
import { importCommand } from './cli/commands/import.ts';
import { migrateCommand } from './cli/commands/migrate.ts';
import { seedCommand } from './cli/commands/seed.ts';
import { serveCommand } from './cli/commands/serve.ts';
import { userCommand } from './cli/commands/user.ts';
import { loadConfig } from './config.ts';

const HELP = `baton — the closed-loop lead-to-revenue system

Usage: baton <command> [options]

Commands:
  serve                     migrate, seed the demo organisation on first start, and serve
                            the API on http://localhost:$PORT (default 3000)
  migrate                   apply database migrations
  seed [--leads N] [--seed S] [--slug SLUG] [--name NAME]
                            create an organisation with a year of generated demo history
                            (default: slug demo, 5000 leads, seed 42)
  apikey create --org <slug> --role <role> [--name NAME] [--user EMAIL]
                            create an API key and print it once
                            (roles: admin, marketing, sales_manager, sales_rep)
  import <ENTITY> <file.csv> [--map column=field]… [--mapping file.json]
         [--date-format FMT] [--org SLUG] [--dry-run] [--rejects out.csv]
                            import a CSV export of leads, accounts, deals, users, activities,
                            touchpoints or campaign-spend (HubSpot, Salesforce and the shared
                            data sets are recognised from the header); prints each rejected row
  user create --org <slug> --email E --name N --role R [--team NAME] [--password P]
                            add a person who signs in with e-mail and password; without
                            --password a random one is printed once

Environment:
  DATABASE_URL      a PostgreSQL server; when unset, the embedded PGlite is used
  BATON_DATA_DIR    PGlite's data directory (default ./data; memory:// for a throwaway one)
  PORT, HOST        where serve listens (default 3000 on 127.0.0.1)
  LOG_LEVEL         fatal, error, warn, info (default), debug, trace or silent
`;

const COMMANDS: Record<string, (args: string[], config: ReturnType<typeof loadConfig>) => Promise<void>> = {
  serve: serveCommand,
  migrate: migrateCommand,
  seed: seedCommand,
  apikey: apikeyCommand,
  user: userCommand,
  import: importCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`baton: unknown command "${name}"\n\n${HELP}`);
    return 1;
  }
  await command(args, loadConfig());
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`baton: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
