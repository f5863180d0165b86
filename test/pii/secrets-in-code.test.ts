import { createDetector } from '../../plugins/pii-sanitizer/detect';

const detector = createDetector();
const secrets = (text: string) => detector.detect(text).filter((f) => f.category === 'secret' || f.category === 'url_credentials').map((f) => f.value);

describe('secrets in code and configuration: formats, quoted literals a pattern cannot open, passwords after their users', () => {
  it('providers\' formats: Twitch stream keys, Azure DevOps PATs, New Relic license keys, Grafana API keys', () => {
    expect(secrets('rtmp://live.twitch.tv/app/live_884210377_Qm3vT9xKp2LwZr7YbN4cHd8sJf6Ge1')).toEqual(['live_884210377_Qm3vT9xKp2LwZr7YbN4cHd8sJf6Ge1']);
    const pat = 'Hq7Zt2WmXk9RvB4nLp3YcJ8sDf6Ga1Ue5Ti0Oy7Mr2Nw9Kx4Qb3Vz8Pj6Lh1Cg5Sd7Fa2Ek9Gu3Rt6Ym0AZDOq7Wz';
    expect(secrets(`AZURE_DEVOPS_EXT_PAT=${pat}`)).toEqual([pat]);
    expect(secrets('newrelic.license: eu01xx9c2b7e41d05af3986e2c74b1d08f5aNRAL')).toEqual(['eu01xx9c2b7e41d05af3986e2c74b1d08f5aNRAL']);
    const grafana = 'eyJrIjoiT3pQbTdLcXhWMmJOOXdEZllMcjRzSGNaMWpVNmFHZTgiLCJuIjoiY2kiLCJpZCI6M30=';
    expect(secrets(`curl -H "Authorization: Bearer ${grafana}" https://grafana.internal/api/dashboards`)).toEqual([grafana]);
    // A region's or a vendor's placeholder is none: letters past "f" in a UUID, "a1b2c3…" in turn.
    expect(secrets('--set global.licenseKey=a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8NRAL')).toEqual([]);
    expect(secrets('--set pixie.deployKey=px-dep-a1b2c3d4-e5f6-g7h8-i9j0-k1l2m3n4o5p6')).toEqual([]);
  });

  it('keys known by the name they are given: a SonarQube login, a Code Climate reporter id, a Jenkins crumb or token', () => {
    expect(secrets('mvn sonar:sonar -Dsonar.login=3f9a2c7e1b8d4f6a0c5e9b2d7a1f3c8e6b4d0a92')).toEqual(['3f9a2c7e1b8d4f6a0c5e9b2d7a1f3c8e6b4d0a92']);
    // The same digits as a commit are none.
    expect(secrets('git checkout 3f9a2c7e1b8d4f6a0c5e9b2d7a1f3c8e6b4d0a92')).toEqual([]);
    const reporter = '7c1e9a4f2b8d6e0a3c5f7b9d1e2a4c6f8b0d2e4a6c8f0b1d3e5a7c9f1b3d5e7a';
    expect(secrets(`env:\n  CC_TEST_REPORTER_ID: ${reporter}\n`)).toEqual([reporter]);
    expect(secrets("curl -X POST -H 'Jenkins-Crumb:9b2e7f4a1c8d3e6b0a5f2c9d4e7b1a3f' https://ci.internal/job/x/build")).toEqual(['9b2e7f4a1c8d3e6b0a5f2c9d4e7b1a3f']);
    expect(secrets('private static final String jenkinsToken = "0c8e2f41-7b3d-4a9e-b6c5-2d1f8e7a9b30";')).toEqual(['0c8e2f41-7b3d-4a9e-b6c5-2d1f8e7a9b30']);
    // Jenkins names its credentials by UUIDs: an id under a key's name is no key.
    expect(secrets('JENKINS_SSH_KEY_ID=3f1c5e2a-8b7d-4c6e-9a1f-2d3e4b5c6d7e')).toEqual([]);
    expect(secrets('jenkins:\n  sshKeyCredentialsId: 3f1c5e2a-8b7d-4c6e-9a1f-2d3e4b5c6d7e')).toEqual([]);
  });

  it('a remote execution tool\'s password after its user, a word or not; its variables and placeholders are none', () => {
    expect(secrets('psexec \\\\10.20.0.15 -u CORP\\svc_deploy -p lanterns cmd /c ipconfig')).toEqual(['lanterns']);
    expect(secrets('PsExec.exe \\\\build01 -u Administrator -p ferrisWheel -i cmd')).toEqual(['ferrisWheel']);
    expect(secrets('PsExec64.exe \\\\build01 -u Administrator -p ferrisWheel -i cmd')).toEqual(['ferrisWheel']);
    // The command psexec runs has options of its own (docker's "-u app -p 8080:80"); a bracketed word is a placeholder.
    expect(secrets('psexec \\\\host -s cmd /c "docker run -u app -p 8080:80 nginx"')).toEqual([]);
    expect(secrets('psexec \\\\host -u admin -p [password] cmd')).toEqual([]);
    expect(secrets('psexec \\\\host -u admin -p $Password -i cmd')).toEqual([]);
    expect(secrets('psexec \\\\host -u DOMAIN\\ADMIN -p PASSWORD cmd')).toEqual([]);
    expect(secrets('psexec \\\\host -u admin -p %PW% cmd')).toEqual([]);
    // Elsewhere "-p" and a word may be a project or a profile.
    expect(secrets('gcloud-tool -u ops -p analytics deploy')).toEqual([]);
  });

  it('an LDAP entry\'s password given after its path and user', () => {
    expect(secrets('var entry = new DirectoryEntry("LDAP://dc01.corp.local", "CORP\\\\svc_ldap", "Qv7!mPz2xR");')).toEqual(['Qv7!mPz2xR']);
  });

  it('a quoted password that opens with a mark, or holds quotes of the other kind, is taken whole', () => {
    expect(secrets("db_password = '`9Lmq!Tzr4Hw'")).toEqual(['`9Lmq!Tzr4Hw']);
    expect(secrets('jwt_secret: "Zk2`q\'}/pR)T;w]EnQf;_&h>mX??G&7"')).toEqual(['Zk2`q\'}/pR)T;w]EnQf;_&h>mX??G&7']);
    expect(secrets('my_password := "w1nter$torm"')).toEqual(['w1nter$torm']);
    // A value quoted twice, filtered, escaped or encrypted is none.
    expect(secrets('echo \'export DB_PASSWORD="\'$CI_DB_PASSWORD\'"\' >> .env')).toEqual([]);
    expect(secrets('Parameters: {"user"=>"ops", "password"=>"[FILTERED]"}')).toEqual([]);
    expect(secrets('"password": "&lt;YOUR_PASSWORD&gt;"')).toEqual([]);
    // A rule's regular expression for passwords is none.
    expect(secrets("rules = {'password': '^(?=.*[A-Z])(?=.*\\\\d).{8,}$'}")).toEqual([]);
  });

  it('a password after its user: with blanks when quoted, unquoted in an INI file, commented out in an env file', () => {
    expect(secrets("user = 'marta'\npassword = 'blue harbour'\n")).toEqual(['blue harbour']);
    expect(secrets('[db]\nuser = marta\n; staging only\npassword = blue_harbour\n')).toEqual(['blue_harbour']);
    expect(secrets('# REACT_APP_ADMIN_PASS=tangerine7\n')).toEqual(['tangerine7']);
    // Commented out with a description, or words joined as a hint, the line documents the variable.
    expect(secrets('# DB_PASSWORD=string  (the database password)\n# JWT_SECRET=some-long-random-string\n')).toEqual([]);
    // A message, a variable, a property or a type is none.
    expect(secrets('if (password == "Password is required") return;')).toEqual([]);
    expect(secrets('user = args.user\npassword = args.password\n')).toEqual([]);
    expect(secrets('username = "orders_app"\npassword = dbPassword\n')).toEqual([]);
    expect(secrets('    user = args.user\n    password = db_password\n')).toEqual([]);
    expect(secrets('    user = DB_USER\n    password = DB_PASSWORD\n')).toEqual([]);
    // Unquoted, a word alone is a translation's label or a form's rule: "password: Kennwort", "password: required".
    expect(secrets('de:\n  username: Benutzername\n  password: Kennwort\n')).toEqual([]);
    expect(secrets('validation:\n  username: required\n  password: confirmed\n')).toEqual([]);
    // A count, a date or an address is no password: "pass: 1024/1024" in a run's report.
    expect(secrets('user: ci-bot\npass: 1024/1024\n')).toEqual([]);
    expect(secrets('user: alice\npass: 2024-01-01\n')).toEqual([]);
    expect(secrets('user: alice\npassword: http://vault/x\n')).toEqual([]);
    expect(secrets('interface Login {\n  username: string;\n  password: string;\n}')).toEqual([]);
    // A form's or a translation's labels are no user and password: the user's label has blanks, or the password's is capitalised.
    expect(secrets('{\n  "username": "Nom d\'utilisateur",\n  "password": "Mot de passe",\n}')).toEqual([]);
    expect(secrets("messages = {\n  'user': 'Please log in',\n  'password': 'wrong password'\n}")).toEqual([]);
    expect(secrets('{\n  "username": "Username",\n  "password": "Enter password"\n}')).toEqual([]);
  });

  it('Django\'s generated key is a key; routes, paths and a variable\'s path under a password\'s name are none', () => {
    const key = "django-insecure-q!7x#k2@m9v^w4(z8+p3r&t6*y1=n5$b0";
    expect(secrets(`SECRET_KEY = '${key}'`)).toEqual([key]);
    expect(secrets('"/docs/creating-a-strong-password":"/en/enterprise-server@3.0/auth"')).toEqual([]);
    expect(secrets("put '/forgot-password' => \"cms/sites/passwords#update\", as: 'update_password'")).toEqual([]);
    expect(secrets('REACT_APP_FORGOT_PASSWORD=$REACT_APP_BASE_URL/account/#/forgot_password')).toEqual([]);
  });

  it('.NET settings: the key attribute names the setting; a connection string\'s password may open with "#"', () => {
    expect(secrets('<add key="ConnectionString_Main" value="Server=sql01,1433;Database=Main;User ID=app;Password=#k7Lm2pQ;Encrypt=True" />')).toEqual(['#k7Lm2pQ']);
  });
});
