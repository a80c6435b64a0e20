// Placeholder entry point until `pinc calc` lands; replaced by the CLI.
int main() { return 0; }
